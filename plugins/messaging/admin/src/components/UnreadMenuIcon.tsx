import { useEffect, useRef, useSyncExternalStore } from 'react';
import { Message } from '@strapi/icons';
import { styled } from 'styled-components';
import { staffAlerts } from './staff-alerts';
import { menuLabelWithUnread, unreadCountText } from './unread-title';

const MENU_LABEL = 'Messages';

const Count = styled.span`
  position: absolute;
  top: -0.9rem;
  left: 1.1rem;
  min-width: 1.8rem;
  height: 1.8rem;
  padding: 0 0.4rem;
  border-radius: 0.9rem;
  background: ${({ theme }) => theme.colors.primary600};
  color: ${({ theme }) => theme.colors.neutral0};
  font-size: 1.1rem;
  font-weight: 600;
  line-height: 1.8rem;
  text-align: center;
  pointer-events: none;
`;

export function useStaffAlerts() {
  return useSyncExternalStore(staffAlerts.subscribe, staffAlerts.getState);
}

/**
 * The "Messages" menu link's icon with the live unread count (issue 13 item 4). Strapi's own `notificationsCount`
 * is read once when the menu is built, so the count rides on the icon, which the menu renders inside its link; the
 * link's accessible name gets the exact count (the icon is hidden from screen readers).
 */
export const UnreadMenuIcon = (props: Record<string, unknown>) => {
  const { total } = useStaffAlerts();
  const ref = useRef<HTMLSpanElement>(null);
  const count = total ?? 0;
  useEffect(() => {
    const link = ref.current?.closest('a');
    if (link) link.setAttribute('aria-label', menuLabelWithUnread(MENU_LABEL, count));
  }, [count]);
  return (
    <span ref={ref} style={{ position: 'relative', display: 'inline-flex' }}>
      <Message {...props} />
      {count > 0 ? <Count data-testid="messages-menu-count">{unreadCountText(count)}</Count> : null}
    </span>
  );
};
