import { isShowingThread, menuLabelWithUnread, threadPath, titleWithUnread } from '../../plugins/messaging/admin/src/components/unread-title';

describe('the unread count outside the inbox (issue 13 item 4)', () => {
  it.each([
    ['Messages | Strapi', 3, '(3) Messages | Strapi'],
    ['(3) Messages | Strapi', 4, '(4) Messages | Strapi'],
    ['(99+) Number Inventory | Strapi', 0, 'Number Inventory | Strapi'],
    ['Strapi', 0, 'Strapi'],
    ['Strapi', 100, '(99+) Strapi'],
    ['Strapi', 99, '(99) Strapi'],
  ])('title %j with %i unread → %j', (title, total, expected) => {
    expect(titleWithUnread(title, total)).toBe(expected);
  });

  it('names the exact count in the menu link, which the badge caps', () => {
    expect(menuLabelWithUnread('Messages', 0)).toBe('Messages');
    expect(menuLabelWithUnread('Messages', 120)).toBe('Messages, 120 unread');
  });

  it('links a toast to its thread and knows when that thread is on screen', () => {
    expect(threadPath('/admin', '42')).toBe('/admin/plugins/messaging/42');
    expect(threadPath('/admin/', '42')).toBe('/admin/plugins/messaging/42');
    expect(isShowingThread('/admin/plugins/messaging/42', '42')).toBe(true);
    expect(isShowingThread('/admin/plugins/messaging/420', '42')).toBe(false);
    expect(isShowingThread('/admin/plugins/numbers', '42')).toBe(false);
  });
});
