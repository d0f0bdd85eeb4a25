import { useSyncExternalStore } from 'react';
import { Message } from '@strapi/icons';
import { MenuCount } from '@switchboard/kit/admin';
import { staffAlerts } from './staff-alerts';
import { menuLabelWithUnread, unreadCountText } from './unread-title';

const MENU_LABEL = 'Messages';

export function useStaffAlerts() {
  return useSyncExternalStore(staffAlerts.subscribe, staffAlerts.getState);
}

/**
 * The "Messages" menu link's icon with the live unread count (issue 13 item 4); the link's accessible name gets the
 * exact count.
 */
export const UnreadMenuIcon = (props: Record<string, unknown>) => {
  const count = useStaffAlerts().total ?? 0;
  return <MenuCount icon={<Message {...props} />} count={count} text={unreadCountText(count)} label={menuLabelWithUnread(MENU_LABEL, count)} tone="primary" testId="messages-menu-count" />;
};
