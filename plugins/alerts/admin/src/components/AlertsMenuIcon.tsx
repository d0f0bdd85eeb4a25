import { useEffect, useRef, useSyncExternalStore } from 'react';
import { WarningCircle } from '@strapi/icons';
import { styled } from 'styled-components';
import { alertCounts } from './alert-counts';
import { badgeText, menuLabel } from '../pages/Alerts/model';

const Count = styled.span`
  position: absolute;
  top: -0.9rem;
  left: 1.1rem;
  min-width: 1.8rem;
  height: 1.8rem;
  padding: 0 0.4rem;
  border-radius: 0.9rem;
  background: ${({ theme }) => theme.colors.danger600};
  color: ${({ theme }) => theme.colors.neutral0};
  font-size: 1.1rem;
  font-weight: 600;
  line-height: 1.8rem;
  text-align: center;
  pointer-events: none;
`;

/** The "Alerts" menu link's icon with the live count of open critical and warning alerts; the link's name says it. */
export const AlertsMenuIcon = (props: Record<string, unknown>) => {
  const count = useSyncExternalStore(alertCounts.subscribe, alertCounts.get) ?? 0;
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const link = ref.current?.closest('a');
    if (link) link.setAttribute('aria-label', menuLabel(count));
  }, [count]);
  return (
    <span ref={ref} style={{ position: 'relative', display: 'inline-flex' }}>
      <WarningCircle {...props} />
      {count > 0 ? <Count data-testid="alerts-menu-count">{badgeText(count)}</Count> : null}
    </span>
  );
};
