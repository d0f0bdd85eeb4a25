// Issue 13 item 4: staff learn that messages arrived wherever they are in the admin panel. One staff socket for the
// whole panel (the inbox page keeps its own), living outside any page: it keeps the unread total (GET
// /messaging/unread, fetched again when the socket says a conversation changed; never polled), the tab title's
// count, and toasts for new client texts. Started by a Redux middleware that sees the admin token come and go.
import { displayNumber } from '@switchboard/kit/admin';
import { io, type Socket } from 'socket.io-client';
import type { Message, StaffUnread } from '../../../shared/contracts';
import { isShowingThread, titleWithUnread } from './unread-title';

export interface ClientTextToast {
  id: string;
  conversationId: string;
  from: string;
  text: string;
}

export interface StaffAlertsState {
  /** null until the first answer, or when this staff member may not read messages. */
  total: number | null;
  toasts: ClientTextToast[];
}

const MAX_TOASTS = 3;
const REFETCH_DELAY_MS = 200;

let state: StaffAlertsState = { total: null, toasts: [] };
const listeners = new Set<() => void>();
let token: string | null = null;
let socket: Socket | null = null;
let refetchTimer: ReturnType<typeof setTimeout> | undefined;
let titleObserver: MutationObserver | null = null;
let generation = 0;
/** Events plugins above listen to on the panel's one staff socket (alerts: `alert:new`, `alert:updated`). */
const extraHandlers = new Map<string, Set<(payload: unknown) => void>>();

function setState(change: Partial<StaffAlertsState>): void {
  state = { ...state, ...change };
  for (const l of listeners) l();
  if ('total' in change) applyTitle();
}

const backend = () => (window as any).strapi?.backendURL || window.location.origin;

/** The tab title carries the count; the panel's pages set their own titles, so each change gets it again. */
function applyTitle(): void {
  const wanted = titleWithUnread(document.title, state.total ?? 0);
  if (document.title !== wanted) document.title = wanted;
}

function watchTitle(): void {
  if (titleObserver || typeof MutationObserver === 'undefined') return;
  titleObserver = new MutationObserver(() => applyTitle());
  titleObserver.observe(document.head, { subtree: true, childList: true, characterData: true });
}

async function fetchTotal(): Promise<'ok' | 'forbidden' | 'failed'> {
  const mine = generation;
  try {
    const res = await fetch(`${backend()}/messaging/unread`, { headers: { Authorization: `Bearer ${token}` } });
    if (mine !== generation) return 'failed';
    if (res.status === 403) return 'forbidden';
    if (!res.ok) return 'failed';
    const body = (await res.json()) as { data: StaffUnread };
    if (mine === generation) setState({ total: body.data.total });
    return 'ok';
  } catch {
    return 'failed';
  }
}

function refetchSoon(): void {
  clearTimeout(refetchTimer);
  refetchTimer = setTimeout(() => void fetchTotal(), REFETCH_DELAY_MS);
}

function onNewMessage({ message }: { message: Message }): void {
  if (message.routeType !== 'CLIENT_INBOUND' || message.mine) return;
  if (isShowingThread(window.location.pathname, message.conversationId)) return;
  const toast: ClientTextToast = { id: message.id, conversationId: message.conversationId, from: displayNumber(message.sender.displayName), text: message.bodyText };
  // One toast per thread, saying its newest text.
  setState({ toasts: [toast, ...state.toasts.filter((t) => t.conversationId !== toast.conversationId)].slice(0, MAX_TOASTS) });
}

function connect(): void {
  const s = io(backend(), { auth: (cb) => cb({ token }), transports: ['websocket', 'polling'] });
  s.on('connect', () => refetchSoon());
  // A socket the server closed (an expired token) comes back with the newest token.
  s.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') setTimeout(() => socket === s && token && s.connect(), 1_000);
  });
  s.on('message:new', (payload) => {
    onNewMessage(payload);
    refetchSoon();
  });
  s.on('conversation:updated', () => refetchSoon());
  for (const [event, handlers] of extraHandlers) for (const handler of handlers) s.on(event, handler);
  socket = s;
}

function stop(): void {
  generation += 1;
  clearTimeout(refetchTimer);
  socket?.close();
  socket = null;
  setState({ total: null, toasts: [] });
}

async function start(): Promise<void> {
  const mine = generation;
  const answer = await fetchTotal();
  // A staff member who may not read messages gets no count and no socket.
  if (mine !== generation || answer === 'forbidden') return;
  watchTitle();
  connect();
}

export const staffAlerts = {
  /** The admin token changed (signed in, renewed or signed out). */
  setToken(next: string | null): void {
    if (next === token) return;
    const wasSignedIn = token !== null;
    token = next;
    if (!next) return stop();
    if (!wasSignedIn) void start();
    // A renewed token is read on the next (re)connect; a closed socket comes back now.
    else if (socket && !socket.connected) socket.connect();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getState: (): StaffAlertsState => state,
  /** The admin token the panel signed in with (null when signed out): plugins above fetch with it. */
  token: (): string | null => token,
  /** Listens to one event on the panel's staff socket (now and after every reconnect); answers the unsubscribe. */
  onStaffEvent(event: string, handler: (payload: unknown) => void): () => void {
    if (!extraHandlers.has(event)) extraHandlers.set(event, new Set());
    extraHandlers.get(event)!.add(handler);
    socket?.on(event, handler);
    return () => {
      extraHandlers.get(event)?.delete(handler);
      socket?.off(event, handler);
    };
  },
  dismiss(id: string): void {
    setState({ toasts: state.toasts.filter((t) => t.id !== id) });
  },
};

/** Redux middleware for `app.addMiddlewares`: hands the admin token to the alerts whenever the store changes. */
export const tokenWatcher = () => (store: { getState(): any }) => (next: (action: unknown) => unknown) => (action: unknown) => {
  const result = next(action);
  const current = store.getState()?.admin_app?.token;
  staffAlerts.setToken(typeof current === 'string' && current.length > 0 ? current : null);
  return result;
};
