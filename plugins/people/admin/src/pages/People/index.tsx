import { Layouts, Page } from '@strapi/strapi/admin';
import { Box, Tabs } from '@strapi/design-system';
import { useState } from 'react';
import { ClientsTab } from './ClientsTab';
import { SittersTab } from './SittersTab';
import { AccountsTab } from './AccountsTab';
import { OrganisationTab } from './OrganisationTab';
import { usePeopleRights } from './permissions';

type Tab = 'clients' | 'sitters' | 'accounts' | 'organisation';

/** Issue 14: the records the SMS side runs on — clients, sitters, accounts and the organisation — on one page. */
const PeoplePage = () => {
  const rights = usePeopleRights();
  const [tab, setTab] = useState<Tab>('clients');

  return (
    <Page.Main>
      <Page.Title>People</Page.Title>
      <Layouts.Header title="People" subtitle="Clients, sitters, accounts and your organisation's settings." />
      <Layouts.Content>
        <Tabs.Root value={tab} onValueChange={(value: string) => setTab(value as Tab)} aria-label="People">
          <Tabs.List aria-label="People sections">
            <Tabs.Trigger value="clients">Clients</Tabs.Trigger>
            <Tabs.Trigger value="sitters">Sitters</Tabs.Trigger>
            {rights.manageAccounts && <Tabs.Trigger value="accounts">Accounts</Tabs.Trigger>}
            <Tabs.Trigger value="organisation">Organisation</Tabs.Trigger>
          </Tabs.List>
          <Box paddingTop={4}>
            <Tabs.Content value="clients">
              <ClientsTab canManage={rights.manage} />
            </Tabs.Content>
            <Tabs.Content value="sitters">
              <SittersTab canActivate={rights.manageAccounts} />
            </Tabs.Content>
            {rights.manageAccounts && (
              <Tabs.Content value="accounts">
                <AccountsTab onShowSitters={() => setTab('sitters')} />
              </Tabs.Content>
            )}
            <Tabs.Content value="organisation">
              <OrganisationTab canManage={rights.manage} />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export default PeoplePage;
