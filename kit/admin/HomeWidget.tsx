import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Widget } from '@strapi/strapi/admin';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetched } from './use-fetched';

/**
 * The admin home's widgets (Strapi 5's widget API, registered by each plugin): one GET, then loading, the server's
 * sentence when it fails, or the widget's content drawn from the answer's whole body.
 */
export function HomeWidget<T>({ path, children }: { path: string; children(data: T): ReactNode }) {
  const state = useFetched<T>(path);
  if (state === null) return <Widget.Loading />;
  if ('problem' in state) return <Widget.Error>{state.problem}</Widget.Error>;
  return <>{children(state.data)}</>;
}

const TONES = { danger: 'danger600', warning: 'warning600', success: 'success600', neutral: 'neutral800' } as const;
export type FigureTone = keyof typeof TONES;

/** Figures side by side: a big number over its label, each optionally a link. */
export const Figures = ({ items, label }: { items: Array<{ label: string; value: number | string; tone?: FigureTone; to?: string }>; label: string }) => (
  <Flex tag="ul" aria-label={label} gap={6} wrap="wrap" alignItems="flex-start">
    {items.map((item) => {
      const body = (
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="alpha" tag="span" textColor={TONES[item.tone ?? 'neutral']}>
            {item.value}
          </Typography>{' '}
          <Typography variant="pi" textColor="neutral600">
            {item.label}
          </Typography>
        </Flex>
      );
      return (
        <Box tag="li" key={item.label}>
          {item.to ? (
            <Link to={item.to} style={{ textDecoration: 'none' }}>
              {body}
            </Link>
          ) : (
            body
          )}
        </Box>
      );
    })}
  </Flex>
);

/** The widget's way on: "Open the inbox", "Continue setup". */
export const WidgetLink = ({ to, children }: { to: string; children: ReactNode }) => (
  <Box paddingTop={3}>
    <Link to={to}>
      <Typography textColor="primary600" fontWeight="semiBold">
        {children}
      </Typography>
    </Link>
  </Box>
);
