import { useEffect, useRef, type ReactNode } from 'react';
import { styled } from 'styled-components';

const Count = styled.span<{ $tone: 'danger' | 'primary' }>`
  position: absolute;
  top: -0.9rem;
  left: 1.1rem;
  min-width: 1.8rem;
  height: 1.8rem;
  padding: 0 0.4rem;
  border-radius: 0.9rem;
  background: ${({ theme, $tone }) => (theme.colors as Record<string, string>)[`${$tone}600`]};
  color: ${({ theme }) => theme.colors.neutral0};
  font-size: 1.1rem;
  font-weight: 600;
  line-height: 1.8rem;
  text-align: center;
  pointer-events: none;
`;

/**
 * A menu link's icon with a live count on it. Strapi's own `notificationsCount` is read once when the menu is built,
 * so the count rides on the icon, which the menu renders inside its link; the link's accessible name (`label`) says
 * the exact count, since the icon is hidden from screen readers.
 */
export const MenuCount = ({ icon, count, text, label, tone, testId }: { icon: ReactNode; count: number; text: string; label: string; tone: 'danger' | 'primary'; testId: string }) => {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const link = ref.current?.closest('a');
    if (link) link.setAttribute('aria-label', label);
  }, [label]);
  return (
    <span ref={ref} style={{ position: 'relative', display: 'inline-flex' }}>
      {icon}
      {count > 0 ? (
        <Count $tone={tone} data-testid={testId}>
          {text}
        </Count>
      ) : null}
    </span>
  );
};
