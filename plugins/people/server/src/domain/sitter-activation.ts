/**
 * OPS §4.1 / §4.2 as people shows them: what activating or deactivating a sitter will do, in the sentences of the
 * confirmation dialog. numbers works out the numbers and threads (through people's activation port); this says it.
 */
export type ActivationPreview =
  | { action: 'activate'; sitter: string; e164: string }
  | {
      action: 'deactivate';
      sitter: string;
      /** The masked number that will be quarantined; null when the sitter has none. */
      e164: string | null;
      threadsMoving: number;
      /** Where the threads go: a pool number, or the Front Desk (the owner inbox); null when nothing moves. */
      movingTo: { e164: string; frontDesk: boolean } | null;
      cooldownDays: number;
      /** The sitter's assignment windows that will close (active ones end now, future ones go); absent means none. */
      windowsClosing?: number;
    };

const threads = (n: number) => `${n} ${n === 1 ? 'thread' : 'threads'}`;
const windows = (n: number) => `${n} ${n === 1 ? 'window' : 'windows'}`;

export function activationImpact(preview: ActivationPreview): string[] {
  if (preview.action === 'activate') {
    return [
      `Masked number ${preview.e164} will be assigned to ${preview.sitter}.`,
      `${preview.sitter} will be told: "You've been activated. Your masked number is ${preview.e164}."`,
      `Then you will see: "Sitter ${preview.sitter} activated. Masked number ${preview.e164} assigned."`,
    ];
  }
  const closing = preview.windowsClosing ?? 0;
  const windowLine = closing > 0 ? [`${windows(closing)} will be closed: an active one ends now, future ones are removed.`] : [];
  const windowsDone = closing > 0 ? ` ${windows(closing)} closed.` : '';
  if (preview.e164 === null) {
    return [`${preview.sitter} has no masked number: no number is quarantined and no threads move.`, ...windowLine, `${preview.sitter} will no longer be able to message clients.`];
  }
  const where = preview.movingTo ? (preview.movingTo.frontDesk ? 'the owner inbox' : `pool number ${preview.movingTo.e164}`) : 'the owner inbox';
  return [
    `Number ${preview.e164} will be quarantined for ${preview.cooldownDays} days.`,
    preview.threadsMoving > 0 ? `${threads(preview.threadsMoving)} will be reassigned to ${where}.` : 'No threads use this number; none will be reassigned.',
    ...windowLine,
    `${preview.sitter} will no longer be able to message clients.`,
    `Then you will see: "Sitter ${preview.sitter} deactivated. Number ${preview.e164} quarantined. ${threads(preview.threadsMoving)} reassigned.${windowsDone}"`,
  ];
}
