import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Flex } from '@strapi/design-system';
import { Section, useAdminRights } from '@switchboard/kit/admin';
import { HistoryView } from './HistoryView';
import { OverrideSection } from './OverrideSection';
import { RulesTable, useRules } from './RulesTable';
import { Simulator } from './Simulator';
import { ThreadPicker, useThreadById, type ThreadChoice } from './ThreadPicker';

/**
 * Issue 17 (OPS §3.2, §4.6): the routing rules in words, the read-only simulator, the Owner's temporary overrides and
 * the history of decisions. `?conversationId=<id>` opens it on that client thread; picking another updates the URL.
 */
const RoutingPage = () => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const canOverride = useAdminRights().holds('plugin::routing.override');
  const [search, setSearch] = useSearchParams();
  // The thread the page opened on; later choices write the URL but are already in hand.
  const [fromUrl] = useState(() => (/^\d{1,18}$/.test(search.get('conversationId') ?? '') ? search.get('conversationId') : null));
  const named = useThreadById(fromUrl);
  const [thread, setThread] = useState<ThreadChoice | null>(null);
  const [zone, setZone] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const rules = useRules(version);

  useEffect(() => setThread(named), [named]);
  useEffect(() => {
    get<{ data: { timeZone: string } }>('/people/organisation')
      .then(({ data }) => setZone(data.data.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone))
      .catch(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone));
  }, [get]);

  const choose = (next: ThreadChoice | null) => {
    setThread(next);
    const params = new URLSearchParams(search);
    if (next) params.set('conversationId', next.id);
    else params.delete('conversationId');
    params.delete('override');
    params.delete('sitterId');
    setSearch(params, { replace: true });
  };

  const changed = (sentence: string) => {
    setVersion((v) => v + 1);
    toggleNotification({ type: 'success', message: sentence });
  };

  return (
    <Page.Main>
      <Page.Title>Routing</Page.Title>
      <Layouts.Header title="Routing" subtitle="Who receives each client message, and why. The simulator only reads; overrides are temporary and owner-only." />
      <Layouts.Content>
        {!zone ? (
          <Page.Loading />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Section title="Rules" subtitle="Evaluated in this order for every SMS a client sends; the first that applies decides.">
              <RulesTable zone={zone} {...rules} />
            </Section>
            <Section title="Thread" subtitle="Pick a client thread to simulate, override and read its history; without one, simulate a client and number.">
              <ThreadPicker value={thread} onChange={choose} />
            </Section>
            <Section title="Routing simulator" subtitle="Preview who would receive a message. Nothing is changed.">
              <Simulator zone={zone} thread={thread} />
            </Section>
            {thread && (
              <Section title="Override" subtitle="Send this thread's messages elsewhere for a while. Assignment windows do not change.">
                <OverrideSection zone={zone} thread={thread} canOverride={canOverride} version={version} startEnabled={search.get('override') === '1'} startSitterId={/^\d{1,10}$/.test(search.get('sitterId') ?? '') ? search.get('sitterId') : null} onChanged={changed} />
              </Section>
            )}
            <Section title="Routing history" subtitle={thread ? `Decisions for ${thread.title}, newest first.` : 'Decisions for every client thread, newest first.'}>
              <HistoryView zone={zone} thread={thread} rules={rules.rules ?? []} version={version} />
            </Section>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default RoutingPage;
