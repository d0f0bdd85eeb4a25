import { Flex, Typography } from '@strapi/design-system';
import { Figures, HomeWidget, WidgetLink } from '@switchboard/kit/admin';
import type { InventoryNumber } from '../../../shared/contracts';
import { numberSummary } from './model';

/** The admin home's number health (issue 23): healthy, warning and critical numbers in service, and quarantined ones. */
export const NumbersWidget = () => (
  <HomeWidget<{ data: InventoryNumber[] }> path="/numbers">
    {({ data }) => {
      const s = numberSummary(data);
      if (s.total === 0)
        return (
          <Flex direction="column" alignItems="flex-start" gap={2}>
            <Typography textColor="neutral600">No numbers yet. Add them in the setup wizard or the Number Inventory.</Typography>
            <WidgetLink to="/plugins/numbers">Open Number Inventory</WidgetLink>
          </Flex>
        );
      return (
        <Flex direction="column" alignItems="flex-start" gap={3}>
          <Figures
            label="Number health"
            items={[
              { label: 'Healthy', value: s.healthy, tone: 'success' },
              { label: 'Warning', value: s.warning, tone: s.warning > 0 ? 'warning' : 'neutral' },
              { label: 'Critical', value: s.critical, tone: s.critical > 0 ? 'danger' : 'neutral' },
              { label: 'Quarantined', value: s.quarantined },
            ]}
          />
          <WidgetLink to="/plugins/numbers">Open Number Inventory</WidgetLink>
        </Flex>
      );
    }}
  </HomeWidget>
);
