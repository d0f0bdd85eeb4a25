/**
 * The signed-in person's conversations, live: the socket wiring of API.md "Real-time", the conversation list,
 * typing and read marks. Sending is outbox-sender.svelte.ts, each thread's messages threads.svelte.ts; pages read
 * the state here; every rule applied lives in the pure modules beside them.
 */
import { io, type Socket } from 'socket.io-client';
import { apiUrl } from './config';
import { session } from './session.svelte';
import { latestServerId, mergeMessages, compareIds, isValidMessageId, resyncCursor, resyncDelayMs } from './ordering';
import { ClientMetrics } from './client-metrics';
import type { OutboxEntry } from './outbox';
import { ACK_TIMEOUT_MS, OutboxSender, type Ack } from './outbox-sender.svelte';
import { ThreadStore, sentence } from './threads.svelte';
import { normalizeConversation, normalizeMessage, sortByActivity, upsertConversation, vanishedClientThreads, windowEndedSentence, withArrived, withoutConversation, withReadMark, furthestSeen } from './conversation-list';
import { TypingRoster, TypingSignal, type Typist } from './typing';
import { textToMessageHtml } from './compose';
import type { Conversation, ConversationRemovedEvent, ConversationSeenEvent, Message, Profile, SyncNeededEvent, SystemMessage } from './types';

export type { Thread } from './threads.svelte';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** How often this client reports its own figures (send → ack, reconnects, order repairs) to the server. */
const METRICS_REPORT_MS = 15_000;
/** Readers hide "X is typing…" after this much silence (the server also expires it). */
const TYPING_EXPIRY_MS = 6_000;
const TYPING_SIGNAL = { repeatMs: 3_000, idleMs: 2_500 };

class Messenger {
  connection = $state<ConnectionState>('connecting');
  connectionProblem = $state<string | null>(null);
  conversations = $state<Conversation[]>([]);
  systemMessage = $state<SystemMessage | null>(null);
  listStatus = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  listError = $state<string | null>(null);
  typists = $state<Record<string, Typist[]>>({});
  /** A sitter's client threads whose window ended (`conversation:removed`): id → its last title and the sentence shown in its place. */
  removed = $state<Record<string, { title?: string; sentence: string }>>({});

  private socket: Socket | null = null;
  private metrics = new ClientMetrics();
  private sender = new OutboxSender(this.metrics, (message) => this.receive(message));
  private threadStore = new ThreadStore(
    <T>(method: string, path: string) => session.api<T>(method, path),
    <T>(event: string, payload: unknown) => this.request<T>(event, payload),
    this.metrics,
    () => this.socket?.connected ?? false,
  );
  private rosters = new Map<string, TypingRoster>();
  private signals = new Map<string, TypingSignal>();
  private openConversationId: string | null = null;
  private readMarks = new Map<string, string>();
  private ticker: ReturnType<typeof setInterval> | null = null;
  private metricsTimer: ReturnType<typeof setInterval> | null = null;
  private stopTokenWatch: (() => void) | null = null;

  get threads() {
    return this.threadStore.threads;
  }

  get outboxEntries(): OutboxEntry[] {
    return this.sender.entries;
  }

  get profile(): Profile | null {
    return session.profile;
  }

  get canCompose(): boolean {
    return session.profile?.gating.canCompose ?? false;
  }

  /** Starts after sign-in: the socket, the outbox of this user, the conversation list. */
  start(): void {
    if (this.socket || !session.profile) return;
    this.sender.open(localStorage, session.profile.user.id);
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
      // After a reconnect: its count goes now (socket.io's 'reconnect' comes before the socket is connected).
      this.reportMetrics();
      void this.resume();
    });
    socket.on('disconnect', (reason) => {
      this.connection = navigator.onLine ? 'reconnecting' : 'offline';
      this.sender.forgetInFlight();
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
    socket.io.on('reconnect', () => this.metrics.reconnectSuccess());
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
    // A sitter's window on a client thread ended: the thread leaves the list, and an open one says why.
    socket.on('conversation:removed', ({ conversationId }: ConversationRemovedEvent) => this.removeConversation(String(conversationId)));
    // The Admin team read further ("Seen by Admin team"); the event never says who.
    socket.on('conversation:seen', ({ conversationId, seenByStaffUpToId }: ConversationSeenEvent) => {
      this.conversations = this.conversations.map((c) => (c.id === String(conversationId) ? { ...c, seenByStaffUpToId: furthestSeen(c.seenByStaffUpToId, seenByStaffUpToId) } : c));
    });
    // This socket's node missed live events from another node (issue 25): resync as after a reconnect, from before the gap.
    socket.on('sync:needed', ({ sinceId, spreadMs }: SyncNeededEvent) => {
      // At a random moment within the spread the server asks for, so a node's sockets do not all ask at once.
      setTimeout(() => void this.resyncFrom(sinceId), resyncDelayMs(spreadMs));
    });
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
    this.removed = {};
    this.systemMessage = null;
    this.threadStore.clear();
    this.typists = {};
    this.sender.close();
    this.listStatus = 'idle';
    this.rosters.clear();
    this.signals.clear();
    this.readMarks.clear();
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
    if (event.key?.startsWith('switchboard.outbox.')) this.sender.sync();
  };

  /** After (re)connecting or coming back online: re-join the open thread, send what waited, fetch what was missed. */
  private async resume(): Promise<void> {
    // Where each thread stood before anything new arrives: the flush's acks and live events would move the
    // newest id past messages we missed, and syncing from there would skip them.
    const cursors = this.threadStore.cursors();
    if (this.openConversationId) this.socket?.emit('conversation:join', { conversationId: this.openConversationId });
    this.sender.flush(this.socket);
    // profile:updated may have been missed while away (gating can have changed).
    await session.loadProfile().catch(() => {});
    await this.loadConversations();
    await Promise.all([...cursors].map(([id, sinceId]) => this.threadStore.catchUp(id, { sinceId })));
  }

  /** `sync:needed`: each shown thread from the older of its newest message and `sinceId`, and the list afresh. */
  private async resyncFrom(sinceId: string): Promise<void> {
    if (!isValidMessageId(sinceId)) return;
    const cursors = this.threadStore.cursors();
    await this.loadConversations();
    await Promise.all([...cursors].map(([id, newest]) => this.threadStore.catchUp(id, { sinceId: resyncCursor(newest, sinceId) })));
  }

  // ---- conversations ----

  async loadConversations(): Promise<void> {
    if (this.listStatus !== 'ready') this.listStatus = 'loading';
    try {
      const answer = await session.api<{ data: Conversation[]; systemMessage?: SystemMessage }>('GET', '/api/conversations');
      const fresh = answer.data.map((c) => this.asRead(normalizeConversation(c)));
      // A window that ended while this device was away: its removal was never heard.
      for (const gone of vanishedClientThreads(this.conversations, fresh)) this.removeConversation(gone.id);
      for (const c of fresh) this.forgetRemoval(c.id);
      this.conversations = sortByActivity(fresh);
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
  /** Get-or-create the caller's thread with the Admin team: a business's `business_admin`, a sitter's `admin_sitter`. */
  async startAdminConversation(kind: 'business_admin' | 'admin_sitter' = 'business_admin'): Promise<Conversation> {
    const answer = await session.api<{ data: Conversation }>('POST', '/api/conversations', { kind });
    const conversation = normalizeConversation(answer.data);
    this.upsertConversation(conversation);
    return conversation;
  }

  private upsertConversation(conversation: Conversation): void {
    // A sitter's next window started: the thread is back.
    this.forgetRemoval(String(conversation.id));
    this.conversations = upsertConversation(this.conversations, this.asRead(normalizeConversation(conversation)));
    if (this.systemMessage && this.conversations.length > 0 && this.canCompose) this.systemMessage = null;
  }

  /** The server's conversation with this device's read mark applied (one not yet taken by the server counts). */
  private asRead(conversation: Conversation): Conversation {
    return withReadMark(conversation, this.readMarks.get(conversation.id));
  }

  /** The thread leaves the list and its messages are dropped; the sentence is what its page shows instead. */
  private removeConversation(conversationId: string): void {
    const gone = this.conversation(conversationId);
    this.removed = { ...this.removed, [conversationId]: { title: gone?.title, sentence: windowEndedSentence(gone) } };
    this.conversations = withoutConversation(this.conversations, conversationId);
    this.threadStore.forget(conversationId);
    this.rosters.delete(conversationId);
    if (this.typists[conversationId]) this.typists = Object.fromEntries(Object.entries(this.typists).filter(([id]) => id !== conversationId));
  }

  private forgetRemoval(conversationId: string): void {
    if (conversationId in this.removed) this.removed = Object.fromEntries(Object.entries(this.removed).filter(([id]) => id !== conversationId));
  }

  // ---- threads ----

  /** The messages to show: the server's, ascending, then this user's unconfirmed sends. */
  messagesOf(conversationId: string): Message[] {
    const sender = { displayName: session.profile?.user.displayName ?? 'You', role: session.profile?.user.role ?? 'business' } as Message['sender'];
    return mergeMessages(this.threads[conversationId]?.messages ?? [], this.sender.echoes(conversationId, sender)).messages;
  }

  async open(conversationId: string): Promise<void> {
    this.openConversationId = conversationId;
    if (this.socket?.connected) this.socket.emit('conversation:join', { conversationId });
    await this.threadStore.open(conversationId);
  }

  close(conversationId: string): void {
    if (this.openConversationId === conversationId) this.openConversationId = null;
    this.socket?.emit('conversation:leave', { conversationId });
    this.stopTyping(conversationId);
  }

  loadOlder(conversationId: string): Promise<void> {
    return this.threadStore.loadOlder(conversationId);
  }

  private receive(raw: Message): void {
    const message = normalizeMessage(raw);
    const id = message.conversationId;
    this.threadStore.apply(id, [message]);
    // Our own send, confirmed by its echo over the socket before (or instead of) the acknowledgement.
    this.sender.confirmedBy(message);
    const conversation = this.conversation(id);
    const arrived = conversation && withArrived(conversation, message);
    if (arrived) this.upsertConversation(arrived);
    if (!message.mine && this.rosters.has(id)) {
      this.roster(id).forgetByName(message.sender.displayName);
      this.typists = { ...this.typists, [id]: this.roster(id).active(Date.now()) };
    }
  }

  // ---- sending ----

  /** Optimistic send: a pending bubble at once, queued in the outbox until the server confirms it. */
  send(conversationId: string, routeType: string, text: string): void {
    if (!session.profile) return;
    this.sender.queue(
      {
        idempotencyKey: crypto.randomUUID(),
        conversationId,
        routeType,
        bodyHtml: textToMessageHtml(text),
        bodyText: text.trim(),
        createdAt: new Date().toISOString(),
        status: 'pending',
      },
      this.socket,
    );
    this.stopTyping(conversationId);
  }

  /** Sends a failed message again with the same idempotency key: at most one message ever results. */
  retry(idempotencyKey: string): void {
    this.sender.retry(idempotencyKey, this.socket);
  }

  /** Gives up on a failed message. */
  discard(idempotencyKey: string): void {
    this.sender.discard(idempotencyKey);
  }

  /** Forgets this user's unsent messages: signing out on purpose, once the person has agreed to lose them. */
  discardOutbox(): void {
    this.sender.discard();
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

export const messenger = new Messenger();
