// Issue 13 item 4: how the admin panel tells a staff member their unread count outside the inbox. Pure.
const COUNT_PREFIX = /^\(\d+\+?\) /;

/** A count stays narrow past 99: the menu, the tab title and the inbox's unread badges (api.ts re-exports it as unreadBadge). */
export function unreadCountText(total: number): string {
  return total > 99 ? '99+' : String(total);
}

/** The tab title with the unread count in front ("(3) Messages | Strapi"), or without one when nothing is unread. */
export function titleWithUnread(title: string, total: number): string {
  const bare = title.replace(COUNT_PREFIX, '');
  return total > 0 ? `(${unreadCountText(total)}) ${bare}` : bare;
}

/** The menu link's accessible name, which the count must reach too (the badge itself is hidden from screen readers). */
export function menuLabelWithUnread(label: string, total: number): string {
  return total > 0 ? `${label}, ${total} unread` : label;
}

/** The admin panel path of one inbox thread (the inbox's per-thread URLs, pages/Inbox/inbox-url.ts). */
export function threadPath(adminBase: string, conversationId: string): string {
  return `${adminBase.replace(/\/$/, '')}/plugins/messaging/${encodeURIComponent(conversationId)}`;
}

/** Whether this path shows that thread already (no toast for a text the staff member is looking at). */
export function isShowingThread(pathname: string, conversationId: string): boolean {
  return new RegExp(`/plugins/messaging/${conversationId}(?:/|$)`).test(pathname);
}
