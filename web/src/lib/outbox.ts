/**
 * Sends not yet confirmed by the server, kept in storage (localStorage in the browser) so that a
 * message written offline survives a reload and is sent once the connection is back. Each entry keeps
 * its idempotency key for life: a retry or a flush after a reconnect can never create a second message.
 */

export interface OutboxEntry {
  idempotencyKey: string;
  conversationId: string;
  routeType: string;
  bodyHtml: string;
  /** What the person typed, shown in the pending bubble (never rendered as HTML). */
  bodyText: string;
  createdAt: string;
  /** pending: will be sent when connected; failed: the server refused it, waiting for a retry. */
  status: 'pending' | 'failed';
  error?: string;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const isEntry = (value: unknown): value is OutboxEntry => {
  const v = value as OutboxEntry;
  return (
    typeof v === 'object' && v !== null &&
    typeof v.idempotencyKey === 'string' && typeof v.conversationId === 'string' &&
    typeof v.routeType === 'string' && typeof v.bodyHtml === 'string' && typeof v.bodyText === 'string' &&
    (v.status === 'pending' || v.status === 'failed')
  );
};

export class Outbox {
  constructor(
    private readonly storage: KeyValueStorage,
    /** One outbox per signed-in user, so one person's queue is never sent as another. */
    private readonly storageKey: string,
  ) {}

  all(): OutboxEntry[] {
    try {
      const parsed = JSON.parse(this.storage.getItem(this.storageKey) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  forConversation(conversationId: string): OutboxEntry[] {
    return this.all().filter((e) => e.conversationId === conversationId);
  }

  /** Entries to send now: pending ones, oldest first. */
  pending(): OutboxEntry[] {
    return this.all().filter((e) => e.status === 'pending');
  }

  put(entry: OutboxEntry): void {
    const entries = this.all();
    const index = entries.findIndex((e) => e.idempotencyKey === entry.idempotencyKey);
    if (index === -1) entries.push(entry);
    else entries[index] = entry;
    this.save(entries);
  }

  markFailed(idempotencyKey: string, error: string): OutboxEntry | undefined {
    return this.update(idempotencyKey, { status: 'failed', error });
  }

  markPending(idempotencyKey: string): OutboxEntry | undefined {
    return this.update(idempotencyKey, { status: 'pending', error: undefined });
  }

  /** Forgets every queued message of this user (signing out on purpose, after saying so). */
  clear(): void {
    this.storage.removeItem(this.storageKey);
  }

  remove(idempotencyKey: string): void {
    this.save(this.all().filter((e) => e.idempotencyKey !== idempotencyKey));
  }

  private update(idempotencyKey: string, change: Partial<OutboxEntry>): OutboxEntry | undefined {
    const entries = this.all();
    const entry = entries.find((e) => e.idempotencyKey === idempotencyKey);
    if (!entry) return undefined;
    Object.assign(entry, change);
    if (entry.error === undefined) delete entry.error;
    this.save(entries);
    return entry;
  }

  private save(entries: OutboxEntry[]): void {
    this.storage.setItem(this.storageKey, JSON.stringify(entries));
  }
}
