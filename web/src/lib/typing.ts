/**
 * Typing indicators (PRD §6.4): the sender side debounces keystrokes into a few start/stop signals;
 * the reader side shows "X is typing…" and hides it after a short silence even if no stop arrives.
 * Pure: time is always a parameter.
 */

export interface TypingSignalOptions {
  /** While typing continues, repeat "typing" at most this often (keeps the server's expiry from firing). */
  repeatMs: number;
  /** After this long without a keystroke, say "stopped". */
  idleMs: number;
}

/** Sender side: feed it keystrokes and ticks; it answers with the signal to emit, if any. */
export class TypingSignal {
  private lastSentAt: number | null = null;
  private lastKeyAt: number | null = null;

  constructor(private readonly options: TypingSignalOptions) {}

  /** A keystroke at `now`: returns true when a "typing" signal should be emitted. */
  keystroke(now: number): boolean {
    this.lastKeyAt = now;
    if (this.lastSentAt === null || now - this.lastSentAt >= this.options.repeatMs) {
      this.lastSentAt = now;
      return true;
    }
    return false;
  }

  /** A timer tick at `now`: returns true when a "stopped" signal should be emitted. */
  tick(now: number): boolean {
    if (this.lastSentAt !== null && this.lastKeyAt !== null && now - this.lastKeyAt >= this.options.idleMs) return this.reset();
    return false;
  }

  /** The message was sent or the box cleared: returns true when a "stopped" signal should be emitted. */
  stop(): boolean {
    return this.reset();
  }

  private reset(): boolean {
    const wasTyping = this.lastSentAt !== null;
    this.lastSentAt = null;
    this.lastKeyAt = null;
    return wasTyping;
  }
}

export interface Typist {
  id: string;
  displayName: string;
}

/** Reader side: who is typing now, forgetting anyone silent for `expiryMs`. */
export class TypingRoster {
  private readonly typists = new Map<string, { typist: Typist; until: number }>();

  constructor(private readonly expiryMs: number) {}

  update(typist: Typist, typing: boolean, now: number): void {
    if (typing) this.typists.set(typist.id, { typist, until: now + this.expiryMs });
    else this.typists.delete(typist.id);
  }

  /** Someone's message arrived: they have stopped typing it (messages carry a name, not the typist id). */
  forgetByName(displayName: string): void {
    for (const [id, entry] of this.typists) if (entry.typist.displayName === displayName) this.typists.delete(id);
  }

  /** The typists still within their expiry at `now`. */
  active(now: number): Typist[] {
    for (const [id, entry] of this.typists) if (entry.until <= now) this.typists.delete(id);
    return [...this.typists.values()].map((e) => e.typist);
  }

  clear(): void {
    this.typists.clear();
  }
}

/** "Sam is typing…", "Sam and Alex are typing…", "3 people are typing…". */
export function typingSentence(typists: readonly Typist[]): string {
  if (typists.length === 0) return '';
  if (typists.length === 1) return `${typists[0].displayName} is typing…`;
  if (typists.length === 2) return `${typists[0].displayName} and ${typists[1].displayName} are typing…`;
  return `${typists.length} people are typing…`;
}
