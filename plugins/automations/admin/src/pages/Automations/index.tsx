import { useLocation, useParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { List } from './List';
import { Detail } from './Detail';
import { Builder } from './Builder';
import { viewOf } from './model';

/** Automations (OPS §3.6): the list, an automation's detail with its test and log, and the six-step builder. */
const AutomationsPage = () => {
  const params = useParams();
  const location = useLocation();
  const view = viewOf(params['*']);
  const base = location.pathname.replace(/\/plugins\/automations.*$/, '/plugins/automations');
  return (
    <Page.Main>
      <Page.Title>Automations</Page.Title>
      <Layouts.Header title="Automations" subtitle="Messages and tasks that follow bookings, windows and client texts: tested before they run." />
      <Layouts.Content>
        {view.kind === 'list' && <List base={base} />}
        {view.kind === 'new' && <Builder base={base} />}
        {view.kind === 'edit' && <Builder id={view.id} base={base} />}
        {view.kind === 'detail' && <Detail id={view.id} base={base} />}
      </Layouts.Content>
    </Page.Main>
  );
};

export default AutomationsPage;
