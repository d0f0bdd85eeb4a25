/** The two webhook addresses a number carries at the provider (inbound SMS, status callback). */
export interface NumberWebhooks {
  inboundUrl: string;
  statusUrl: string;
}

/** Addresses compare without a trailing slash or surrounding spaces; an empty one never matches. */
const same = (a: string, b: string) => a.trim().replace(/\/+$/, '') === b.trim().replace(/\/+$/, '') && a.trim() !== '';

/**
 * Issue 23 "drift check": whether a number someone re-pointed in the provider's console no longer reaches us. Pure:
 * the provider's addresses and ours are parameters. Answers which of the two differ.
 */
export function webhookDrift(actual: NumberWebhooks, expected: NumberWebhooks): Array<'inboundUrl' | 'statusUrl'> {
  const differ: Array<'inboundUrl' | 'statusUrl'> = [];
  if (!same(actual.inboundUrl, expected.inboundUrl)) differ.push('inboundUrl');
  if (!same(actual.statusUrl, expected.statusUrl)) differ.push('statusUrl');
  return differ;
}

/** Which drifted numbers a repair touches: the ones asked for (that drifted), or every drifted one. */
export function numbersToRepair(drifted: string[], asked: string[] | undefined): { repair: string[]; notDrifted: string[] } {
  if (!asked) return { repair: drifted, notDrifted: [] };
  return { repair: drifted.filter((e) => asked.includes(e)), notDrifted: asked.filter((e) => !drifted.includes(e)) };
}
