/**
 * The messages of each open conversation (API.md "Paging" and `sync`): the newest page on first open, older pages
 * on demand, and after a reconnect the deltas from the newest message shown, merged without duplicates
 * (the messaging plugin's mergeMessages), order repairs counted for the PRD §10 metrics.
 */
import { ApiError } from './api';
import type { ClientMetrics } from './client-metrics';
import { normalizeMessage } from './conversation-list';
import { latestServerId, mergeMessages } from './ordering';
import type { Ack } from './outbox-sender.svelte';
import type { Message } from './types';

export interface Thread {
  /** Server messages only, ascending; local echoes are merged in by the messenger's `messagesOf`. */
  messages: Message[];
  status: 'loading' | 'ready' | 'error';
  error?: string;
  hasOlder: boolean;
}

const PAGE_SIZE = 50;
const SYNC_ROUNDS_MAX = 20;

type Page = { data: Message[]; meta: { hasMore: boolean } };

export const sentence = (error: unknown) => (error instanceof ApiError ? error.message : 'Something went wrong. Please reload the page.');

export class ThreadStore {
  threads = $state<Record<string, Thread>>({});

  constructor(
    private readonly api: <T>(method: string, path: string) => Promise<T>,
    /** A socket event with an ack, or null when not connected (or no answer in time). */
    private readonly request: <T>(event: string, payload: unknown) => Promise<Ack<T> | null>,
    private readonly metrics: ClientMetrics,
    private readonly connected: () => boolean,
  ) {}

  clear(): void {
    this.threads = {};
  }

  /** Drops one thread's messages (a sitter's window on it ended): the next visit, if allowed again, reads afresh. */
  forget(conversationId: string): void {
    if (!(conversationId in this.threads)) return;
    const { [conversationId]: _gone, ...rest } = this.threads;
    this.threads = rest;
  }

  private page(conversationId: string, query: string): Promise<Page> {
    return this.api<Page>('GET', `/api/conversations/${encodeURIComponent(conversationId)}/messages?${query}limit=${PAGE_SIZE}`);
  }

  /** Where each ready thread stands now: the `sinceId`s a reconnect resumes from. */
  cursors(): Map<string, string | undefined> {
    const ready = Object.keys(this.threads).filter((id) => this.threads[id].status === 'ready');
    return new Map(ready.map((id) => [id, latestServerId(this.threads[id].messages)]));
  }

  /** First visit: the newest page. Later visits: what was missed. */
  async open(conversationId: string): Promise<void> {
    if (this.threads[conversationId]?.status === 'ready') {
      await this.catchUp(conversationId);
      return;
    }
    this.threads[conversationId] = { messages: [], status: 'loading', hasOlder: false };
    try {
      const answer = await this.page(conversationId, '');
      const current = this.threads[conversationId]?.messages ?? [];
      this.threads[conversationId] = { messages: mergeMessages(current, answer.data.map(normalizeMessage)).messages, status: 'ready', hasOlder: answer.meta.hasMore };
    } catch (error) {
      this.threads[conversationId] = { messages: [], status: 'error', error: sentence(error), hasOlder: false };
    }
  }

  async loadOlder(conversationId: string): Promise<void> {
    const thread = this.threads[conversationId];
    const oldest = thread?.messages[0];
    if (!thread || !oldest) return;
    const answer = await this.page(conversationId, `beforeId=${oldest.id}&`);
    this.threads[conversationId] = { ...thread, messages: mergeMessages(thread.messages, answer.data.map(normalizeMessage)).messages, hasOlder: answer.meta.hasMore };
  }

  /** The deltas missed while away: `sync` from the newest message shown (or `from`), merged without duplicates. */
  async catchUp(conversationId: string, from?: { sinceId: string | undefined }): Promise<void> {
    const thread = this.threads[conversationId];
    if (!thread || thread.status !== 'ready' || !this.connected()) return;
    let sinceId = from ? from.sinceId : latestServerId(thread.messages);
    if (sinceId === undefined) {
      // Nothing to resume from (the thread was empty): its newest page, merged into what is shown.
      try {
        const answer = await this.page(conversationId, '');
        const current = this.threads[conversationId];
        if (current) this.threads[conversationId] = { ...current, messages: mergeMessages(current.messages, answer.data.map(normalizeMessage)).messages, hasOlder: current.messages.length === 0 ? answer.meta.hasMore : current.hasOlder };
      } catch {
        // the next reconnect or visit tries again
      }
      return;
    }
    for (let round = 0; round < SYNC_ROUNDS_MAX; round++) {
      const answer = await this.request<{ messages: Message[]; hasMore: boolean }>('sync', { conversationId, sinceId });
      if (!answer || !answer.ok) return;
      const current = this.threads[conversationId];
      if (!current) return;
      const delta = answer.messages.map(normalizeMessage);
      this.apply(conversationId, delta);
      if (!answer.hasMore || delta.length === 0) return;
      sinceId = latestServerId(delta);
    }
  }

  /** Server messages (live, acked or synced) into a thread that is shown. */
  apply(conversationId: string, messages: Message[]): void {
    const thread = this.threads[conversationId];
    if (!thread || thread.status !== 'ready') return;
    const merged = mergeMessages(thread.messages, messages);
    this.metrics.orderingRepair(merged.repaired);
    this.threads[conversationId] = { ...thread, messages: merged.messages };
  }
}
