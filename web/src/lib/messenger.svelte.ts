/**
 * The signed-in person's conversations, live: the socket.io half of API.md, the outbox, typing and
 * read marks. Pages read its state; every rule it applies lives in the pure modules beside it.
 */
import { io, type Socket } from 'socket.io-client';
import { apiUrl } from './config';
import { session } from './session.svelte';
import { ApiError } from './api';
import { latestServerId, localEchoId, mergeMessages, compareIds } from './ordering';
import { ClientMetrics } from './client-metrics';
import { Outbox, type OutboxEntry } from './outbox';
import { TypingRoster, TypingSignal, type Typist } from './typing';
import { textToMessageHtml } from './compose';
import type { Conversation, Message, Profile, SystemMessage } from './types';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface Thread {
  /** Server messages only, ascending; local echoes are merged in by `messagesOf`. */
  messages: Message[];
  status: 'loading' | 'ready' | 'error';
  error?: string;
  hasOlder: boolean;
}

/** How long a send may wait for the server's acknowledgement before it shows as failed. */
const ACK_TIMEOUT_MS = 10_000;
/** How often this client reports its own figures (send → ack, reconnects, order repairs) to the server. */
const METRICS_REPORT_MS = 15_000;
/** Readers hide "X is typing…" after this much silence (the server also expires it). */
const TYPING_EXPIRY_MS = 6_000;
const TYPING_SIGNAL = { repeatMs: 3_000, idleMs: 2_500 };
const PAGE_SIZE = 50;
const SYNC_ROUNDS_MAX = 20;

type Ack<T> = ({ ok: true } & T) | { ok: false; error: { status: number; message: string } };

class Messenger {
  connection = $state<ConnectionState>('connecting');
  connectionProblem = $state<string | null>(null);
  conversations = $state<Conversation[]>([]);
  systemMessage = $state<SystemMessage | null>(null);
  listStatus = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  listError = $state<string | null>(null);
  threads = $state<Record<string, Thread>>({});
  outboxEntries = $state<OutboxEntry[]>([]);
  typists = $state<Record<string, Typist[]>>({});

  private socket: Socket | null = null;
  private outbox: Outbox | null = null;
  /** Sends awaiting their acknowledgement: idempotency key → attempt number (only the latest attempt's answer counts). */
  private inFlight = new Map<string, number>();
  private attempts = 0;
  private rosters = new Map<string, TypingRoster>();
  private signals = new Map<string, TypingSignal>();
  private openConversationId: string | null = null;
  private readMarks = new Map<string, string>();
  private ticker: ReturnType<typeof setInterval> | null = null;
  private metricsTimer: ReturnType<typeof setInterval> | null = null;
  private metrics = new ClientMetrics();
  private stopTokenWatch: (() => void) | null = null;

  get profile(): Profile | null {
    return session.profile;
  }

  get canCompose(): boolean {
    return session.profile?.gating.canCompose ?? false;
  }

  /** Starts after sign-in: the socket, the outbox of this user, the conversation list. */
  start(): void {
    if (this.socket || !session.profile) return;
    this.outbox = new Outbox(localStorage, `switchboard.outbox.user:${session.profile.user.id}`);
    this.outboxEntries = this.outbox.all();
    this.connection = navigator.onLine ? 'connecting' : 'offline';

    const socket = io(apiUrl, {
      // A callback, so every reconnect presents the newest access token.
      auth: (cb) => cb({ token: session.token }),
      transports: ['websocket'],
      // Exponential backoff with jitter: 0.5 s doubling up to 10 s, each delay randomized by ±50 %.
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      timeout: 10_000,
    });
    this.socket = socket;

    socket.on('connect', () => {
      this.connection = navigator.onLine ? 'connected' : 'offline';
      this.connectionProblem = null;
      void this.resume();
    });
    socket.on('disconnect', (reason) => {
      this.connection = navigator.onLine ? 'reconnecting' : 'offline';
      // Acknowledgements lost with the connection never come: the next flush sends those again (same key).
      this.inFlight.clear();
      // The server closed this socket (socket.io will not retry by itself): come back with a fresh token.
      if (reason === 'io server disconnect') {
        void session.renew().then((renewed) => {
          if (renewed && this.socket === socket) socket.connect();
        });
      }
      for (const roster of this.rosters.values()) roster.clear();
      this.typists = {};
    });
    socket.io.on('reconnect_attempt', () => {
      this.metrics.reconnectAttempt();
      if (navigator.onLine) this.connection = 'reconnecting';
    });
    socket.io.on('reconnect', () => {
      this.metrics.reconnectSuccess();
      this.reportMetrics();
    });
    socket.io.on('error', () => {
      this.connection = navigator.onLine ? 'reconnecting' : 'offline';
    });
    socket.on('connect_error', (error) => {
      this.connection = navigator.onLine ? 'reconnecting' : 'offline';
      // The server refused the handshake (an expired token, say): socket.io will not retry by itself.
      if (!socket.active) {
        this.connectionProblem = error.message;
        void session.renew().then((renewed) => {
          if (renewed && this.socket === socket) setTimeout(() => socket.connect(), 1_000);
        });
      }
    });
    // The server says why it is about to close this socket (token expired, signed out, blocked); the reconnect decides.
    socket.on('session:ended', ({ message }: { message: string }) => {
      this.connectionProblem = message;
    });
    socket.on('message:new', ({ message }: { message: Message }) => this.receive(message));
    socket.on('message:updated', ({ message }: { message: Message }) => this.receive(message));
    socket.on('conversation:updated', ({ conversation }: { conversation: Conversation }) => this.upsertConversation(conversation));
    socket.on('profile:updated', (profile: Profile) => {
      session.profile = profile;
      void this.loadConversations();
    });
    socket.on('typing', (event: { conversationId: string; user: Typist; typing: boolean }) => {
      const id = String(event.conversationId);
      this.roster(id).update(event.user, event.typing, Date.now());
      this.typists = { ...this.typists, [id]: this.roster(id).active(Date.now()) };
    });

    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('storage', this.onStorage);
    this.ticker = setInterval(() => this.tick(), 500);
    this.metricsTimer = setInterval(() => this.reportMetrics(), METRICS_REPORT_MS);
    // A renewed token needs no reconnect (the handshake checked the old one); a lost session stops everything.
    this.stopTokenWatch = session.onTokenChange((token) => {
      if (token === null) this.stop();
    });
    void this.loadConversations();
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = null;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('storage', this.onStorage);
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (this.metricsTimer) clearInterval(this.metricsTimer);
    this.metricsTimer = null;
    this.stopTokenWatch?.();
    this.stopTokenWatch = null;
    this.conversations = [];
    this.systemMessage = null;
    this.threads = {};
    this.typists = {};
    this.outboxEntries = [];
    this.outbox = null;
    this.listStatus = 'idle';
    this.rosters.clear();
    this.signals.clear();
    this.readMarks.clear();
    this.inFlight.clear();
    this.openConversationId = null;
  }

  private onOnline = () => {
    if (!this.socket) return;
    if (this.socket.connected) {
      this.connection = 'connected';
      void this.resume();
    } else {
      this.connection = 'reconnecting';
      this.socket.connect();
    }
  };

  private onOffline = () => {
    this.connection = 'offline';
  };

  /** Another tab of this user changed the outbox (queued, confirmed or dropped a send). */
  private onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith('switchboard.outbox.')) this.syncOutbox();
  };

  /** After (re)connecting or coming back online: re-join the open thread, send what waited, fetch what was missed. */
  private async resume(): Promise<void> {
    // Where each thread stood before anything new arrives: the flush's acks and live events would move the
    // newest id past messages we missed, and syncing from there would skip them.
    const ready = Object.keys(this.threads).filter((id) => this.threads[id].status === 'ready');
    const cursors = new Map(ready.map((id) => [id, latestServerId(this.threads[id].messages)]));
    if (this.openConversationId) this.socket?.emit('conversation:join', { conversationId: this.openConversationId });
    this.flushOutbox();
    // profile:updated may have been missed while away (gating can have changed).
    await session.loadProfile().catch(() => {});
    await this.loadConversations();
    await Promise.all([...cursors].map(([id, sinceId]) => this.catchUp(id, { sinceId })));
  }

  // ---- conversations ----

  async loadConversations(): Promise<void> {
    if (this.listStatus !== 'ready') this.listStatus = 'loading';
    try {
      const answer = await session.api<{ data: Conversation[]; systemMessage?: SystemMessage }>('GET', '/api/conversations');
      this.conversations = sortByActivity(answer.data.map(normalizeConversation));
      this.systemMessage = answer.systemMessage ?? null;
      this.listStatus = 'ready';
      this.listError = null;
    } catch (error) {
      this.listError = sentence(error);
      if (this.listStatus !== 'ready') this.listStatus = 'error';
    }
  }

  conversation(id: string): Conversation | undefined {
    return this.conversations.find((c) => c.id === id);
  }

  /** A Business's "New message": its conversation with the Admin team, created on first use. */
  async startAdminConversation(): Promise<Conversation> {
    const answer = await session.api<{ data: Conversation }>('POST', '/api/conversations', { kind: 'business_admin' });
    const conversation = normalizeConversation(answer.data);
    this.upsertConversation(conversation);
    return conversation;
  }

  private upsertConversation(conversation: Conversation): void {
    const next = normalizeConversation(conversation);
    const rest = this.conversations.filter((c) => c.id !== next.id);
    this.conversations = sortByActivity([...rest, next]);
    if (this.systemMessage && this.conversations.length > 0 && this.canCompose) this.systemMessage = null;
  }

  // ---- threads ----

  /** The messages to show: the server's, ascending, then this user's unconfirmed sends. */
  messagesOf(conversationId: string): Message[] {
    const thread = this.threads[conversationId];
    const echoes = this.outboxEntries.filter((e) => e.conversationId === conversationId).map((e) => this.echo(e));
    return mergeMessages(thread?.messages ?? [], echoes).messages;
  }

  async open(conversationId: string): Promise<void> {
    this.openConversationId = conversationId;
    if (this.socket?.connected) this.socket.emit('conversation:join', { conversationId });
    const thread = this.threads[conversationId];
    if (thread?.status === 'ready') {
      await this.catchUp(conversationId);
      return;
    }
    this.threads[conversationId] = { messages: [], status: 'loading', hasOlder: false };
    try {
      const answer = await session.api<{ data: Message[]; meta: { hasMore: boolean } }>(
        'GET',
        `/api/conversations/${encodeURIComponent(conversationId)}/messages?limit=${PAGE_SIZE}`,
      );
      const current = this.threads[conversationId]?.messages ?? [];
      this.threads[conversationId] = { messages: mergeMessages(current, answer.data.map(normalizeMessage)).messages, status: 'ready', hasOlder: answer.meta.hasMore };
    } catch (error) {
      this.threads[conversationId] = { messages: [], status: 'error', error: sentence(error), hasOlder: false };
    }
  }

  close(conversationId: string): void {
    if (this.openConversationId === conversationId) this.openConversationId = null;
    this.socket?.emit('conversation:leave', { conversationId });
    this.stopTyping(conversationId);
  }

  async loadOlder(conversationId: string): Promise<void> {
    const thread = this.threads[conversationId];
    const oldest = thread?.messages[0];
    if (!thread || !oldest) return;
    const answer = await session.api<{ data: Message[]; meta: { hasMore: boolean } }>(
      'GET',
      `/api/conversations/${encodeURIComponent(conversationId)}/messages?beforeId=${oldest.id}&limit=${PAGE_SIZE}`,
    );
    this.threads[conversationId] = { ...thread, messages: mergeMessages(thread.messages, answer.data.map(normalizeMessage)).messages, hasOlder: answer.meta.hasMore };
  }

  /** The deltas missed while away: `sync` from the newest message shown, merged without duplicates. */
  private async catchUp(conversationId: string, from?: { sinceId: string | undefined }): Promise<void> {
    const thread = this.threads[conversationId];
    if (!thread || thread.status !== 'ready' || !this.socket?.connected) return;
    let sinceId = from ? from.sinceId : latestServerId(thread.messages);
    if (sinceId === undefined) {
      // Nothing to resume from (the thread was empty): its newest page, merged into what is shown.
      try {
        const answer = await session.api<{ data: Message[]; meta: { hasMore: boolean } }>(
          'GET',
          `/api/conversations/${encodeURIComponent(conversationId)}/messages?limit=${PAGE_SIZE}`,
        );
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
      const merged = mergeMessages(current.messages, delta);
      this.metrics.orderingRepair(merged.repaired);
      this.threads[conversationId] = { ...current, messages: merged.messages };
      if (!answer.hasMore || delta.length === 0) return;
      sinceId = latestServerId(delta);
    }
  }

  private receive(raw: Message): void {
    const message = normalizeMessage(raw);
    const id = message.conversationId;
    const thread = this.threads[id];
    if (thread && thread.status === 'ready') {
      const merged = mergeMessages(thread.messages, [message]);
      this.metrics.orderingRepair(merged.repaired);
      this.threads[id] = { ...thread, messages: merged.messages };
    }
    // Our own send, confirmed by its echo over the socket before (or instead of) the acknowledgement.
    if (message.idempotencyKey && this.outboxEntries.some((e) => e.idempotencyKey === message.idempotencyKey)) {
      this.outbox?.remove(message.idempotencyKey);
      this.syncOutbox();
    }
    const conversation = this.conversation(id);
    if (conversation && (!conversation.lastMessage || compareIds(conversation.lastMessage.orderingKey, message.orderingKey) <= 0)) {
      this.upsertConversation({ ...conversation, lastMessage: message, updatedAt: message.createdAt });
    }
    if (!message.mine && this.rosters.has(id)) {
      this.roster(id).forgetByName(message.sender.displayName);
      this.typists = { ...this.typists, [id]: this.roster(id).active(Date.now()) };
    }
  }

  // ---- sending ----

  /** Optimistic send: a pending bubble at once, queued in the outbox until the server confirms it. */
  send(conversationId: string, routeType: string, text: string): void {
    if (!this.outbox || !session.profile) return;
    const entry: OutboxEntry = {
      idempotencyKey: crypto.randomUUID(),
      conversationId,
      routeType,
      bodyHtml: textToMessageHtml(text),
      bodyText: text.trim(),
      createdAt: new Date().toISOString(),
      status: 'pending',
    };
    this.outbox.put(entry);
    this.syncOutbox();
    this.stopTyping(conversationId);
    this.deliver(entry);
  }

  /** Sends a failed message again with the same idempotency key: at most one message ever results. */
  retry(idempotencyKey: string): void {
    const entry = this.outbox?.markPending(idempotencyKey);
    this.syncOutbox();
    if (entry) this.deliver(entry);
  }

  /** Gives up on a failed message. */
  discard(idempotencyKey: string): void {
    this.outbox?.remove(idempotencyKey);
    this.syncOutbox();
  }

  private flushOutbox(): void {
    for (const entry of this.outbox?.pending() ?? []) this.deliver(entry);
  }

  private deliver(entry: OutboxEntry): void {
    const socket = this.socket;
    // Offline or between connections: it stays pending and goes out with the next flush.
    if (!socket?.connected || !navigator.onLine || this.inFlight.has(entry.idempotencyKey)) return;
    const attempt = ++this.attempts;
    this.inFlight.set(entry.idempotencyKey, attempt);
    const { conversationId, idempotencyKey, routeType, bodyHtml } = entry;
    this.metrics.sendStarted(idempotencyKey, performance.now());
    socket.timeout(ACK_TIMEOUT_MS).emit('message:send', { conversationId, idempotencyKey, routeType, bodyHtml }, (timedOut: Error | null, answer: Ack<{ message: Message }>) => {
      const current = this.inFlight.get(idempotencyKey) === attempt;
      if (current) this.inFlight.delete(idempotencyKey);
      if (!this.outbox) return;
      if (!timedOut && answer.ok) {
        // Whichever attempt confirms it, the message is sent.
        this.metrics.sendAcked(idempotencyKey, performance.now());
        this.outbox.remove(idempotencyKey);
        this.syncOutbox();
        this.receive(answer.message);
        return;
      }
      // A stale attempt (superseded after a reconnect) or a send confirmed meanwhile: nothing to report.
      if (!current || !this.outbox.all().some((e) => e.idempotencyKey === idempotencyKey)) return;
      if (timedOut) {
        // Lost with the connection: the next flush sends it again (same key). Still connected: say so.
        if (socket.connected && navigator.onLine) {
          this.outbox.markFailed(idempotencyKey, 'We could not confirm this message was sent. Retry to send it again.');
          this.syncOutbox();
        }
        return;
      }
      if (!answer.ok) {
        this.outbox.markFailed(idempotencyKey, answer.error?.message ?? 'This message was not sent. Retry to send it again.');
        this.syncOutbox();
      }
    });
  }

  /** Forgets this user's unsent messages: signing out on purpose, once the person has agreed to lose them. */
  discardOutbox(): void {
    this.outbox?.clear();
    this.syncOutbox();
  }

  private syncOutbox(): void {
    this.outboxEntries = this.outbox?.all() ?? [];
  }

  private echo(entry: OutboxEntry): Message {
    return {
      id: localEchoId(entry.idempotencyKey),
      conversationId: entry.conversationId,
      orderingKey: '',
      createdAt: entry.createdAt,
      routeType: entry.routeType,
      state: entry.status,
      mine: true,
      sender: { displayName: session.profile?.user.displayName ?? 'You', role: session.profile?.user.role ?? 'business' },
      bodyHtml: '',
      bodyText: entry.bodyText,
      idempotencyKey: entry.idempotencyKey,
      error: entry.error,
    };
  }

  // ---- typing and read marks ----

  keystroke(conversationId: string): void {
    if (this.signal(conversationId).keystroke(Date.now())) this.emitTyping(conversationId, true);
  }

  stopTyping(conversationId: string): void {
    if (this.signal(conversationId).stop()) this.emitTyping(conversationId, false);
  }

  private emitTyping(conversationId: string, typing: boolean): void {
    if (this.socket?.connected) this.socket.emit('typing', { conversationId, typing });
  }

  /** Sends what this client measured since its last report (the server's PRD §10 metrics); lost if offline. */
  private reportMetrics(): void {
    if (!this.socket?.connected) return;
    const report = this.metrics.take();
    if (report) this.socket.emit('metrics:report', report);
  }

  private tick(): void {
    const now = Date.now();
    for (const [id, signal] of this.signals) if (signal.tick(now)) this.emitTyping(id, false);
    let changed = false;
    const next: Record<string, Typist[]> = {};
    for (const [id, roster] of this.rosters) {
      next[id] = roster.active(now);
      if ((this.typists[id]?.length ?? 0) !== next[id].length) changed = true;
    }
    if (changed) this.typists = next;
  }

  /** Marks the conversation read up to its newest message (read receipts drive the unread counts). */
  async markRead(conversationId: string): Promise<void> {
    const latest = latestServerId(this.threads[conversationId]?.messages ?? []);
    if (!latest) return;
    const marked = this.readMarks.get(conversationId);
    if (marked !== undefined && compareIds(marked, latest) >= 0) return;
    this.readMarks.set(conversationId, latest);
    const conversation = this.conversation(conversationId);
    if (conversation && conversation.unreadCount !== 0) this.upsertConversation({ ...conversation, unreadCount: 0 });
    try {
      await session.api('POST', `/api/conversations/${encodeURIComponent(conversationId)}/read`, { lastReadMessageId: latest });
    } catch {
      this.readMarks.delete(conversationId); // tried again with the next message or visit
    }
  }

  private roster(id: string): TypingRoster {
    let roster = this.rosters.get(id);
    if (!roster) this.rosters.set(id, (roster = new TypingRoster(TYPING_EXPIRY_MS)));
    return roster;
  }

  private signal(id: string): TypingSignal {
    let signal = this.signals.get(id);
    if (!signal) this.signals.set(id, (signal = new TypingSignal(TYPING_SIGNAL)));
    return signal;
  }

  private request<T>(event: string, payload: unknown): Promise<Ack<T> | null> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.resolve(null);
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (timedOut: Error | null, answer: Ack<T>) => resolve(timedOut ? null : answer));
    });
  }
}

const normalizeMessage = (m: Message): Message => ({ ...m, id: String(m.id), orderingKey: String(m.orderingKey ?? m.id), conversationId: String(m.conversationId) });

const normalizeConversation = (c: Conversation): Conversation => ({
  ...c,
  id: String(c.id),
  lastMessage: c.lastMessage ? normalizeMessage(c.lastMessage) : null,
});

const sortByActivity = (list: Conversation[]) => [...list].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));

const sentence = (error: unknown) => (error instanceof ApiError ? error.message : 'Something went wrong. Please reload the page.');

export const messenger = new Messenger();
