import { useSearchParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Box, Tabs } from '@strapi/design-system';
import { Board } from './Board';
import { History, Rules } from './Escalations';

const TABS = ['alerts', 'rules', 'history'] as const;
type Tab = (typeof TABS)[number];

/** Alerts & escalation (OPS §3.7): the dashboard, the escalation rules and their history, a tab each (`?tab=`). */
const AlertsPage = () => {
  const [search, setSearch] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as Tab) : 'alerts';
  const choose = (value: string) => {
    const params = new URLSearchParams(search);
    params.set('tab', value);
    setSearch(params);
  };
  return (
    <Page.Main>
      <Page.Title>Alerts</Page.Title>
      <Layouts.Header title="Alerts" subtitle="What needs attention now: delivery failures, policy violations, provider problems, slow replies." />
      <Layouts.Content>
        <Tabs.Root value={tab} onValueChange={choose} aria-label="Alerts">
          <Tabs.List aria-label="Alert views">
            <Tabs.Trigger value="alerts">Alerts</Tabs.Trigger>
            <Tabs.Trigger value="rules">Escalation rules</Tabs.Trigger>
            <Tabs.Trigger value="history">Escalation history</Tabs.Trigger>
          </Tabs.List>
          <Box paddingTop={6}>
            <Tabs.Content value="alerts">
              <Board />
            </Tabs.Content>
            <Tabs.Content value="rules">
              <Rules />
            </Tabs.Content>
            <Tabs.Content value="history">
              <History />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export default AlertsPage;
