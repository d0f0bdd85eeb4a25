import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Box, Tabs } from '@strapi/design-system';
import { Timeline } from './Timeline';
import { DeliveryFailures } from './DeliveryFailures';
import { PolicyFeed } from './PolicyFeed';
import { Analytics } from './Analytics';

const TABS = ['timeline', 'failures', 'violations', 'analytics'] as const;
type Tab = (typeof TABS)[number];

/**
 * Audit & compliance (OPS §3.5): one page, a tab for each view; `?tab=` opens one and `?conversationId=` starts the
 * timeline on that thread (the inbox links here).
 */
const CompliancePage = () => {
  const { get } = useFetchClient();
  const [search, setSearch] = useSearchParams();
  const [zone, setZone] = useState<string | null>(null);
  const tab: Tab = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as Tab) : 'timeline';
  const conversationId = /^\d{1,19}$/.test(search.get('conversationId') ?? '') ? search.get('conversationId') : null;

  useEffect(() => {
    get<{ data: { timeZone: string } }>('/people/organisation')
      .then(({ data }) => setZone(data.data.timeZone || null))
      .catch(() => setZone(null));
  }, [get]);

  const choose = (value: string) => {
    const params = new URLSearchParams(search);
    params.set('tab', value);
    setSearch(params);
  };

  return (
    <Page.Main>
      <Page.Title>Audit & compliance</Page.Title>
      <Layouts.Header title="Audit & compliance" subtitle="Who did what and when, what failed to deliver, and how quickly clients hear back." />
      <Layouts.Content>
        <Tabs.Root value={tab} onValueChange={choose} aria-label="Audit and compliance">
          <Tabs.List aria-label="Compliance views">
            <Tabs.Trigger value="timeline">Audit timeline</Tabs.Trigger>
            <Tabs.Trigger value="failures">Delivery failures</Tabs.Trigger>
            <Tabs.Trigger value="violations">Policy violations</Tabs.Trigger>
            <Tabs.Trigger value="analytics">Analytics</Tabs.Trigger>
          </Tabs.List>
          <Box paddingTop={6}>
            <Tabs.Content value="timeline">
              <Timeline zone={zone} initialConversationId={conversationId} />
            </Tabs.Content>
            <Tabs.Content value="failures">
              <DeliveryFailures zone={zone} />
            </Tabs.Content>
            <Tabs.Content value="violations">
              <PolicyFeed zone={zone} />
            </Tabs.Content>
            <Tabs.Content value="analytics">
              <Analytics zone={zone} />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export default CompliancePage;
