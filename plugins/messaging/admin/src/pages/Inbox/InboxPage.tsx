import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { Layouts, Page, useAuth, useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { Conversation, SitterOption, StaffDirectory, StaffMe } from '../../api';
import { useInboxSocket } from './useInboxSocket';
import { ThreadView } from './ThreadView';
import { AuditPanel } from './AuditPanel';
import { NewConversation } from './NewConversation';
import { ConversationList } from './ConversationList';
import { InboxFilterBar } from './InboxFilterBar';
import { conversationIdFromPath, filtersFromSearch, inboxBasePath, isFiltered, searchFromFilters, serverQueryFromFilters, type InboxFilters, type Sort } from './inbox-url';
import { NARROW_QUERY, useFillHeight, useMediaQuery } from './useLayout';
import { furthestId, withReadMark } from '../../../../server/src/domain/read-marks';

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

/**
 * The staff inbox (OPS §3.4, PRD §6.1): every conversation, filtered and live, with compose, masquerade and audit.
 * The open thread is in the path and the filters in the query string (issue 13 item 3); on a phone the list, the
 * thread and its audit trail stack instead of sitting side by side (item 6).
 */
const InboxPage = () => {
  const { get } = useFetchClient();
  const token = useAuth('MessagesInbox', (state) => state.token);
  const location = useLocation();
  const navigate = useNavigate();
  const params = useParams();
  const openId = conversationIdFromPath(params['*']);
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(location.search)), [location.search]);
  const { unreadOnly, sort } = filters;
  /** The server's query for the filters: a new one (and so a new load) only when a filter the server reads changes. */
  const serverQuery = useMemo(() => serverQueryFromFilters(filters).toString(), [filters]);
  const base = inboxBasePath(location.pathname);
  const narrow = useMediaQuery(NARROW_QUERY);

  const [me, setMe] = useState<StaffMe | null>(null);
  const [directory, setDirectory] = useState<StaffDirectory | null>(null);
  /** The sitters to filter by (GET /people/sitters); null while loading or when this admin may not list them. */
  const [sitters, setSitters] = useState<SitterOption[] | null>(null);
  /** The organisation's time zone, to read assignment windows in; null when unknown (the browser's zone then). */
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** A deep-linked conversation the current filters leave out of the list. */
  const [outside, setOutside] = useState<Conversation | null>(null);
  const [auditKey, setAuditKey] = useState(0);
  const events = useMemo(createEvents, []);
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>();
  const panelsRef = useRef<HTMLDivElement>(null);
  const panelHeight = useFillHeight(panelsRef);
  const threadRef = useRef<HTMLDivElement>(null);
  const narrowThreadHeight = useFillHeight(threadRef, { min: 420, gap: 16 });
  // How far this staff member has read each conversation on this page: a list or an update counted before their read
  // reached the server must not show its messages as unread again (domain/read-marks.ts).
  const readMarks = useRef(new Map<string, string>());
  const asRead = useCallback((c: Conversation) => withReadMark(c, c.lastMessage?.orderingKey, readMarks.current.get(String(c.id))), []);
  const onRead = useCallback(
    (conversationId: string, lastId: string) => {
      readMarks.current.set(conversationId, furthestId(readMarks.current.get(conversationId), lastId)!);
      setConversations((list) => list && list.map((c) => (String(c.id) === conversationId ? asRead(c) : c)));
      setOutside((o) => (o && String(o.id) === conversationId ? asRead(o) : o));
    },
    [asRead],
  );

  const setFilters = useCallback(
    (change: Partial<InboxFilters>) => navigate({ pathname: location.pathname, search: searchFromFilters({ ...filters, ...change }) }, { replace: true }),
    [navigate, location.pathname, filters],
  );
  const openThread = useCallback((id: string | null) => navigate({ pathname: id ? `${base}/${id}` : base, search: location.search }), [navigate, base, location.search]);

  useEffect(() => {
    get<{ data: StaffMe }>('/messaging/me')
      .then(({ data }) => setMe(data.data))
      .catch((error) => setProblem(errorSentence(error, 'Your permissions could not be loaded. Reload the page to try again.')));
    get<{ data: StaffDirectory }>('/messaging/directory')
      .then(({ data }) => setDirectory(data.data))
      .catch(() => setDirectory({ businesses: [], vas: [] }));
    get<{ data: SitterOption[] }>('/people/sitters')
      .then(({ data }) => setSitters(data.data.map((s) => ({ id: String(s.id), displayName: s.displayName, active: s.active }))))
      .catch(() => setSitters(null));
    get<{ data: { timeZone?: string } }>('/people/organisation')
      .then(({ data }) => setTimeZone(data.data.timeZone || null))
      .catch(() => setTimeZone(null));
  }, [get]);

  // Only the newest request may fill the list: an older one answering late (filters changed meanwhile) is dropped.
  const latestLoad = useRef(0);
  const load = useCallback(async () => {
    const ticket = ++latestLoad.current;
    try {
      const { data } = await get<{ data: Conversation[] }>(`/messaging/conversations?${serverQuery}`);
      if (ticket !== latestLoad.current) return;
      setConversations(data.data.map(asRead));
      setProblem(null);
    } catch (error) {
      if (ticket !== latestLoad.current) return;
      setProblem(errorSentence(error, 'The conversations could not be loaded. Check your connection and reload the page.'));
    }
  }, [get, serverQuery, asRead]);

  useEffect(() => {
    setConversations(null);
    load();
  }, [load]);

  const listed = conversations?.find((c) => c.id === openId) ?? null;
  const openConversation = listed ?? (outside?.id === openId ? outside : null);

  // A link to a thread the filters hide still opens it: look for it in the whole inbox.
  useEffect(() => {
    if (!openId || !conversations || listed || outside?.id === openId) return;
    let alive = true;
    get<{ data: Conversation[] }>('/messaging/conversations?pageSize=200')
      .then(({ data }) => {
        if (!alive) return;
        const found = data.data.find((c) => c.id === openId);
        if (found) setOutside(found);
        else setProblem('This conversation does not exist or you may not see it. Choose one from the list.');
      })
      .catch((error) => alive && setProblem(errorSentence(error, 'The conversation could not be loaded. Reload the page to try again.')));
    return () => {
      alive = false;
    };
  }, [get, openId, conversations, listed, outside]);

  useEffect(() => setAuditKey((k) => k + 1), [openId]);

  const scheduleReload = useCallback(() => {
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(load, 250);
  }, [load]);

  const { socket, status, problem: socketProblem } = useInboxSocket(token ?? null, {
    onMessage(message) {
      events.publish({ type: 'message', message });
      if (message.conversationId === openId) setAuditKey((k) => k + 1);
    },
    onConversation(heard) {
      const conversation = asRead(heard);
      setConversations((list) => {
        if (!list) return list;
        if (!list.some((c) => c.id === conversation.id)) {
          scheduleReload(); // a new conversation: the server decides whether it matches the filters
          return list;
        }
        if (unreadOnly && conversation.unreadCount === 0 && conversation.id !== openId) return list.filter((c) => c.id !== conversation.id);
        return list.map((c) => (c.id === conversation.id ? conversation : c));
      });
      setOutside((o) => (o?.id === conversation.id ? conversation : o));
    },
    onTyping(event) {
      events.publish({ type: 'typing', ...event });
    },
    onReconnect(sinceId) {
      events.publish({ type: 'reconnect', sinceId });
      load();
    },
  });

  const shown = conversations ? sortConversations(conversations, sort) : null;
  const filtered = isFiltered(filters);
  const showAudit = Boolean(me?.capabilities.readAudit);
  // On a phone one stage shows at a time: the list, or the open thread with its audit trail below it.
  const showList = !narrow || !openId;
  const showThread = !narrow || Boolean(openId);

  const list = (
    <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius width="100%" height={narrow ? undefined : '100%'} style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <InboxFilterBar filters={filters} directory={directory} sitters={sitters} onChange={setFilters} />
      <Box paddingTop={3} tag="nav" aria-label="Conversations" style={{ flex: 1, minHeight: 0, overflowY: narrow ? undefined : 'auto' }}>
        {shown === null && !problem && (
          <Flex justifyContent="center" padding={4}>
            <Loader small>Loading conversations…</Loader>
          </Flex>
        )}
        {shown !== null && shown.length === 0 && (
          <Typography textColor="neutral600">
            {filtered
              ? 'No conversation matches these filters. Clear a filter to see more.'
              : 'No conversations yet. They appear here when a business writes to the Admin team, or when you start one with a VA.'}
          </Typography>
        )}
        <ConversationList conversations={shown ?? []} openId={openId} onOpen={(c) => openThread(c.id)} />
      </Box>
    </Box>
  );

  const thread = (
    <Box
      ref={threadRef}
      background="neutral0"
      padding={4}
      shadow="filterShadow"
      hasRadius
      width="100%"
      style={{ minHeight: 0, height: narrow ? narrowThreadHeight : '100%', display: 'flex', flexDirection: 'column' }}
    >
      {narrow && (
        <Box paddingBottom={3}>
          <Button variant="tertiary" size="S" onClick={() => openThread(null)}>
            ← All conversations
          </Button>
        </Box>
      )}
      {!me && !problem && <Loader small>Loading…</Loader>}
      {me && !openConversation && (
        <Typography textColor="neutral600">{openId ? 'Loading the conversation…' : 'Choose a conversation on the left to read it and reply.'}</Typography>
      )}
      {me && openConversation && (
        <ThreadView
          key={openConversation.id}
          conversation={openConversation}
          me={me}
          directory={directory}
          socket={socket}
          events={events}
          narrow={narrow}
          timeZone={timeZone}
          onActivity={() => setAuditKey((k) => k + 1)}
          onRead={onRead}
        />
      )}
    </Box>
  );

  const audit = openConversation ? (
    <AuditPanel conversationId={openConversation.id} refreshKey={auditKey} />
  ) : (
    <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius width="100%">
      <Typography textColor="neutral600">The audit trail of the open conversation shows here.</Typography>
    </Box>
  );

  return (
    <Page.Main>
      <Page.Title>Messages</Page.Title>
      <Layouts.Header
        title="Messages"
        subtitle={narrow ? undefined : 'Every conversation with businesses, VAs and clients. Reply, start a thread with a VA, or reply as a business you hold a grant for.'}
        primaryAction={me?.capabilities.send ? <NewConversation directory={directory} onOpened={(c) => { scheduleReload(); setOutside(c); openThread(c.id); }} /> : undefined}
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
          {narrow ? (
            <Flex direction="column" alignItems="stretch" gap={4} data-testid="inbox-stack">
              {showList && list}
              {showThread && thread}
              {showThread && showAudit && openConversation && audit}
            </Flex>
          ) : (
            <div
              ref={panelsRef}
              data-testid="inbox-columns"
              style={{
                display: 'grid',
                gridTemplateColumns: showAudit ? 'minmax(260px, 4fr) minmax(0, 5fr) minmax(220px, 3fr)' : 'minmax(260px, 4fr) minmax(0, 8fr)',
                gap: 16,
                height: panelHeight,
                minHeight: 0,
              }}
            >
              {list}
              {thread}
              {showAudit && <div style={{ minHeight: 0, overflowY: 'auto' }}>{audit}</div>}
            </div>
          )}
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
