import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Layouts, Page, useAuth, useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Checkbox, Field, Flex, Grid, Loader, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import { KIND_LABELS, timeLabel, type Conversation, type ConversationKind, type StaffDirectory, type StaffMe } from '../../api';
import { useInboxSocket } from './useInboxSocket';
import { ThreadView } from './ThreadView';
import { AuditPanel } from './AuditPanel';
import { NewConversation } from './NewConversation';

type Sort = 'recent' | 'unread';
const ALL = 'all';

function sortConversations(list: Conversation[], sort: Sort): Conversation[] {
  const byRecent = (a: Conversation, b: Conversation) => b.updatedAt.localeCompare(a.updatedAt) || Number(b.id) - Number(a.id);
  return [...list].sort(sort === 'unread' ? (a, b) => b.unreadCount - a.unreadCount || byRecent(a, b) : byRecent);
}

/** A tiny publish/subscribe so the open thread hears socket events the page receives. */
function createEvents() {
  const listeners = new Set<(event: any) => void>();
  return {
    subscribe(listener: (event: any) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(event: any) {
      for (const l of listeners) l(event);
    },
  };
}

/** The staff inbox (OPS §3.4, PRD §6.1): every conversation, filtered and live, with compose, masquerade and audit. */
const InboxPage = () => {
  const { get } = useFetchClient();
  const token = useAuth('MessagesInbox', (state) => state.token);
  const [me, setMe] = useState<StaffMe | null>(null);
  const [directory, setDirectory] = useState<StaffDirectory | null>(null);
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [kind, setKind] = useState<string>(ALL);
  const [businessId, setBusinessId] = useState<string>(ALL);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('recent');
  const [openId, setOpenId] = useState<string | null>(null);
  const [openConversation, setOpenConversation] = useState<Conversation | null>(null);
  const [auditKey, setAuditKey] = useState(0);
  const events = useMemo(createEvents, []);
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    get<{ data: StaffMe }>('/messaging/me')
      .then(({ data }) => setMe(data.data))
      .catch((error) => setProblem(errorSentence(error, 'Your permissions could not be loaded. Reload the page to try again.')));
    get<{ data: StaffDirectory }>('/messaging/directory')
      .then(({ data }) => setDirectory(data.data))
      .catch(() => setDirectory({ businesses: [], vas: [] }));
  }, [get]);

  // The search box waits for a pause in typing before asking the server.
  useEffect(() => {
    const t = setTimeout(() => setQuery(search.trim()), 300);
    return () => clearTimeout(t);
  }, [search]);

  const load = useCallback(async () => {
    const params = new URLSearchParams({ pageSize: '200' });
    if (kind !== ALL) params.set('kind', kind);
    if (businessId !== ALL) params.set('businessId', businessId);
    if (unreadOnly) params.set('unread', 'true');
    if (query) params.set('q', query);
    try {
      const { data } = await get<{ data: Conversation[] }>(`/messaging/conversations?${params}`);
      setConversations(data.data);
      setProblem(null);
    } catch (error) {
      setProblem(errorSentence(error, 'The conversations could not be loaded. Check your connection and reload the page.'));
    }
  }, [get, kind, businessId, unreadOnly, query]);

  useEffect(() => {
    setConversations(null);
    load();
  }, [load]);

  const scheduleReload = useCallback(() => {
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(load, 250);
  }, [load]);

  const { socket, status, problem: socketProblem } = useInboxSocket(token ?? null, {
    onMessage(message) {
      events.publish({ type: 'message', message });
      if (message.conversationId === openId) setAuditKey((k) => k + 1);
    },
    onConversation(conversation) {
      setConversations((list) => {
        if (!list) return list;
        if (!list.some((c) => c.id === conversation.id)) {
          scheduleReload(); // a new conversation: the server decides whether it matches the filters
          return list;
        }
        if (unreadOnly && conversation.unreadCount === 0 && conversation.id !== openId) return list.filter((c) => c.id !== conversation.id);
        return list.map((c) => (c.id === conversation.id ? conversation : c));
      });
      if (conversation.id === openId) setOpenConversation(conversation);
    },
    onTyping(event) {
      events.publish({ type: 'typing', ...event });
    },
    onReconnect() {
      events.publish({ type: 'reconnect' });
      load();
    },
  });

  const open = (conversation: Conversation) => {
    setOpenId(conversation.id);
    setOpenConversation(conversation);
    setAuditKey((k) => k + 1);
  };

  const shown = conversations ? sortConversations(conversations, sort) : null;

  return (
    <Page.Main>
      <Page.Title>Messages</Page.Title>
      <Layouts.Header
        title="Messages"
        subtitle="Every conversation with businesses, VAs and clients. Reply, start a thread with a VA, or reply as a business you hold a grant for."
        primaryAction={me?.capabilities.send ? <NewConversation directory={directory} onOpened={(c) => { scheduleReload(); open(c); }} /> : undefined}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {problem && <ErrorBox message={problem} />}
          {status === 'offline' && (
            <Box background="warning100" padding={3} hasRadius role="status">
              <Typography textColor="warning700">
                Live updates are paused{socketProblem ? `: ${socketProblem}` : ''}. We keep trying to reconnect; messages you send still go through.
              </Typography>
            </Box>
          )}
          <Grid.Root gap={4}>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius width="100%">
                <Flex direction="column" alignItems="stretch" gap={3}>
                  <Field.Root name="search">
                    <Field.Label>Search by business or VA</Field.Label>
                    <TextInput value={search} placeholder="e.g. Acme" onChange={(e: any) => setSearch(e.target.value)} />
                  </Field.Root>
                  <Field.Root name="kind">
                    <Field.Label>Kind</Field.Label>
                    <SingleSelect value={kind} onChange={(v: string | number) => setKind(String(v))}>
                      <SingleSelectOption value={ALL}>All conversations</SingleSelectOption>
                      {(Object.keys(KIND_LABELS) as ConversationKind[]).map((k) => (
                        <SingleSelectOption key={k} value={k}>
                          {KIND_LABELS[k]}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                  <Field.Root name="business">
                    <Field.Label>Business</Field.Label>
                    <SingleSelect value={businessId} onChange={(v: string | number) => setBusinessId(String(v))}>
                      <SingleSelectOption value={ALL}>All businesses</SingleSelectOption>
                      {(directory?.businesses ?? []).map((b) => (
                        <SingleSelectOption key={b.id} value={b.id}>
                          {b.name}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                  <Flex gap={3} justifyContent="space-between" alignItems="flex-end">
                    <Checkbox checked={unreadOnly} onCheckedChange={(v: boolean | 'indeterminate') => setUnreadOnly(v === true)}>
                      Unread only
                    </Checkbox>
                    <Field.Root name="sort">
                      <Field.Label>Sort</Field.Label>
                      <SingleSelect value={sort} onChange={(v: string | number) => setSort(v as Sort)}>
                        <SingleSelectOption value="recent">Recent activity</SingleSelectOption>
                        <SingleSelectOption value="unread">Unread first</SingleSelectOption>
                      </SingleSelect>
                    </Field.Root>
                  </Flex>
                </Flex>
                <Box paddingTop={4} tag="nav" aria-label="Conversations">
                  {shown === null && !problem && (
                    <Flex justifyContent="center" padding={4}>
                      <Loader small>Loading conversations…</Loader>
                    </Flex>
                  )}
                  {shown !== null && shown.length === 0 && (
                    <Typography textColor="neutral600">
                      {kind !== ALL || businessId !== ALL || unreadOnly || query
                        ? 'No conversation matches these filters. Clear a filter to see more.'
                        : 'No conversations yet. They appear here when a business writes to the Admin team, or when you start one with a VA.'}
                    </Typography>
                  )}
                  <Flex direction="column" alignItems="stretch" gap={1} tag="ul">
                    {(shown ?? []).map((c) => (
                      <li key={c.id}>
                        <Box
                          tag="button"
                          type="button"
                          onClick={() => open(c)}
                          aria-current={c.id === openId ? 'true' : undefined}
                          data-testid="conversation"
                          width="100%"
                          padding={3}
                          hasRadius
                          background={c.id === openId ? 'primary100' : 'neutral0'}
                          borderColor={c.id === openId ? 'primary200' : 'neutral150'}
                          borderStyle="solid"
                          borderWidth="1px"
                          style={{ textAlign: 'left', cursor: 'pointer' }}
                        >
                          <Flex justifyContent="space-between" gap={2}>
                            <Typography fontWeight="bold" ellipsis>
                              {c.title}
                            </Typography>
                            {c.unreadCount > 0 && (
                              <Badge backgroundColor="danger600" textColor="neutral0" aria-label={`${c.unreadCount} unread`}>
                                {c.unreadCount}
                              </Badge>
                            )}
                          </Flex>
                          <Typography variant="pi" textColor="neutral600" tag="p">
                            {KIND_LABELS[c.kind]} · {timeLabel(c.updatedAt)}
                          </Typography>
                          {c.lastMessage && (
                            <Typography variant="pi" textColor="neutral800" ellipsis tag="p">
                              {c.lastMessage.sender.displayName}: {c.lastMessage.bodyText}
                            </Typography>
                          )}
                        </Box>
                      </li>
                    ))}
                  </Flex>
                </Box>
              </Box>
            </Grid.Item>
            <Grid.Item col={me?.capabilities.readAudit ? 5 : 8} s={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius width="100%">
                {!me && !problem && <Loader small>Loading…</Loader>}
                {me && !openConversation && (
                  <Typography textColor="neutral600">Choose a conversation on the left to read it and reply.</Typography>
                )}
                {me && openConversation && (
                  <ThreadView conversation={openConversation} me={me} directory={directory} socket={socket} events={events} onActivity={() => setAuditKey((k) => k + 1)} />
                )}
              </Box>
            </Grid.Item>
            {me?.capabilities.readAudit && (
              <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                {openConversation ? (
                  <AuditPanel conversationId={openConversation.id} refreshKey={auditKey} />
                ) : (
                  <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius width="100%">
                    <Typography textColor="neutral600">The audit trail of the open conversation shows here.</Typography>
                  </Box>
                )}
              </Grid.Item>
            )}
          </Grid.Root>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const ProtectedInboxPage = () => (
  <Page.Protect permissions={[{ action: 'plugin::messaging.read', subject: null }]}>
    <InboxPage />
  </Page.Protect>
);

export default ProtectedInboxPage;
