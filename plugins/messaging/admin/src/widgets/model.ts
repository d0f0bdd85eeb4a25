/** The conversation kinds (DOMAIN.md), as the admin home's unread widget names them, in the order it lists them. */
export const KIND_LABELS = {
  client: 'Clients (SMS)',
  business_admin: 'Businesses',
  admin_va: 'VAs',
  business_va: 'Business ↔ VA',
  admin_sitter: 'Sitters',
} as const;
export type Kind = keyof typeof KIND_LABELS;

/** GET /messaging/unread's answer. */
export interface UnreadSummary {
  total: number;
  byKind: Partial<Record<Kind, { messages: number; conversations: number }>>;
}

/** One line per kind with something unread: "Clients (SMS): 4 unread in 2 conversations". */
export function unreadLines(summary: UnreadSummary): Array<{ kind: Kind; label: string; text: string }> {
  return (Object.keys(KIND_LABELS) as Kind[])
    .filter((k) => (summary.byKind[k]?.messages ?? 0) > 0)
    .map((k) => {
      const { messages, conversations } = summary.byKind[k]!;
      return { kind: k, label: KIND_LABELS[k], text: `${messages} unread in ${conversations} conversation${conversations === 1 ? '' : 's'}` };
    });
}
