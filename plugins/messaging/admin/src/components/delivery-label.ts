// Issue 13 item 8 in the staff inbox: an SMS's provider state in words, as the web app says it. Pure.
const WORDS: Record<string, { label: string; problem: boolean }> = {
  queued: { label: 'Sending…', problem: false },
  sending: { label: 'Sending…', problem: false },
  delivered: { label: 'Delivered', problem: false },
  undelivered: { label: 'Failed', problem: true },
  failed: { label: 'Failed', problem: true },
  received: { label: 'Received', problem: false },
  blocked: { label: 'Blocked', problem: true },
  held: { label: 'Held for review', problem: false },
  edited: { label: 'Edited', problem: false },
  deleted: { label: 'Deleted', problem: false },
};

/** The words for a message's state, or null for a plain sent chat message (it says nothing). */
export function deliveryLabel(state: string): { label: string; problem: boolean } | null {
  if (state === 'sent') return null;
  return WORDS[state] ?? { label: state, problem: false };
}
