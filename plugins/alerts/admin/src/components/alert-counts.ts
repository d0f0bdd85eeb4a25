// The open critical and warning alerts for the menu badge (issue 21 item 4): fetched when the panel signs in and again
// whenever the staff socket says an alert was raised or changed (never polled). Rides on messaging's one staff socket.
import { staffAlerts } from '@switchboard/messaging/staff-socket';
import type { AlertsListMeta } from '../../../shared/contracts';
import { attentionCount } from '../pages/Alerts/model';

let count: number | null = null;
const listeners = new Set<() => void>();
let started = false;
let timer: ReturnType<typeof setTimeout> | undefined;

const backend = () => (window as any).strapi?.backendURL || window.location.origin;

function set(next: number | null): void {
  if (next === count) return;
  count = next;
  for (const l of listeners) l();
}

async function refresh(): Promise<void> {
  const token = staffAlerts.token();
  if (!token) return set(null);
  try {
    const res = await fetch(`${backend()}/alerts?pageSize=1`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) return set(null);
    const body = (await res.json()) as { meta: AlertsListMeta };
    set(attentionCount(body.meta.open));
  } catch {
    // The next alert event asks again.
  }
}

const refreshSoon = () => {
  clearTimeout(timer);
  timer = setTimeout(() => void refresh(), 150);
};

function start(): void {
  if (started) return;
  started = true;
  staffAlerts.onStaffEvent('alert:new', refreshSoon);
  staffAlerts.onStaffEvent('alert:updated', refreshSoon);
  staffAlerts.onStaffEvent('connect', refreshSoon);
  // Signing in or out changes what the count may say.
  staffAlerts.subscribe(refreshSoon);
  refreshSoon();
}

export const alertCounts = {
  subscribe(listener: () => void): () => void {
    start();
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: (): number | null => count,
  /** The page changed an alert: ask now rather than wait for the socket. */
  refresh: refreshSoon,
};
