import { Flex, Typography } from '@strapi/design-system';
import { Figures, HomeWidget, WidgetLink } from '@switchboard/kit/admin';
import type { AlertsListMeta } from '../../../shared/contracts';
import { SEVERITY_LABELS, SEVERITY_ORDER } from '../pages/Alerts/model';

const TONE = { critical: 'danger', warning: 'warning', info: 'neutral' } as const;

/** The admin home's open alerts by severity (issue 23), each a way to the Alerts page. */
export const AlertsWidget = () => (
  <HomeWidget<{ meta: AlertsListMeta }> path="/alerts?pageSize=1">
    {({ meta }) => (
      <Flex direction="column" alignItems="flex-start" gap={3}>
        <Figures label="Open alerts by severity" items={SEVERITY_ORDER.map((s) => ({ label: SEVERITY_LABELS[s], value: meta.open[s], tone: meta.open[s] > 0 ? TONE[s] : 'neutral', to: '/plugins/alerts' }))} />
        {meta.open.critical + meta.open.warning + meta.open.info === 0 && <Typography textColor="neutral600">Nothing needs attention.</Typography>}
        <WidgetLink to="/plugins/alerts">Open Alerts</WidgetLink>
      </Flex>
    )}
  </HomeWidget>
);
