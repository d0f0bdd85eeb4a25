import { useSyncExternalStore } from 'react';
import { WarningCircle } from '@strapi/icons';
import { MenuCount } from '@switchboard/kit/admin';
import { alertCounts } from './alert-counts';
import { badgeText, menuLabel } from '../pages/Alerts/model';

/** The "Alerts" menu link's icon with the live count of open critical and warning alerts; the link's name says it. */
export const AlertsMenuIcon = (props: Record<string, unknown>) => {
  const count = useSyncExternalStore(alertCounts.subscribe, alertCounts.get) ?? 0;
  return <MenuCount icon={<WarningCircle {...props} />} count={count} text={badgeText(count)} label={menuLabel(count)} tone="danger" testId="alerts-menu-count" />;
};
