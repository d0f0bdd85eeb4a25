import { Flex, Typography } from '@strapi/design-system';
import { HomeWidget, WidgetLink } from '@switchboard/kit/admin';
import type { WizardView } from '../pages/Setup/model';
import { setupSummary } from './model';

const TONE = { success: 'success600', warning: 'warning600', neutral: 'neutral800' } as const;

/** The admin home's setup readiness (issue 23): ready, the sandbox, or how far the wizard is, with "Continue setup". */
export const SetupWidget = () => (
  <HomeWidget<{ data: WizardView }> path="/setup">
    {({ data }) => {
      const summary = setupSummary(data);
      return (
        <Flex direction="column" alignItems="flex-start" gap={2}>
          <Typography variant="delta" tag="p" textColor={TONE[summary.tone]}>
            {summary.headline}
          </Typography>
          <Typography textColor="neutral600">{summary.detail}</Typography>
          {summary.continueSetup && <WidgetLink to="/plugins/setup">Continue setup</WidgetLink>}
        </Flex>
      );
    }}
  </HomeWidget>
);
