import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useFetchClient, useStrapiApp } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { Badge, Box, Button, Checkbox, Dialog, Field, Flex, Loader, Textarea, Toggle, Tooltip, Typography } from '@strapi/design-system';
import type { Socket } from 'socket.io-client';
import { mergeMessages } from '../../../../server/src/domain/ordering';
import { resyncCursor } from '../../../../server/src/domain/delivery-sequence';
import { masqueradeOffer, staffRouteFor } from '../../../../server/src/domain/staff-inbox';
import { textToMessageHtml } from '../../../../server/src/domain/text-to-html';
import { ErrorBox, displayNumber, errorSentence, useAdminRights } from '@switchboard/kit/admin';
import { MessageBubble, type MessageBadge } from './MessageBubble';
import { assignSitterPath, assignmentLine, staffAssignment } from './assignment-line';
import { RoutingDecisionDialog } from './RoutingDecisionDialog';
import { flagLines, routingPath } from './routing-line';
import { clientThreadLine, kindLabel, newIdempotencyKey, timeLabel, type Conversation, type StaffDirectory, type StaffMe, type Message } from '../../api';

interface Props {
  conversation: Conversation;
  me: StaffMe;
  directory: StaffDirectory | null;
  socket: Socket | null;
  events: { subscribe(listener: (event: any) => void): () => void };
  /** A phone or narrow window: the thread takes the whole width. */
  narrow?: boolean;
  /** The organisation's time zone, to read the assignment window in; the browser's (with its abbreviation) when null. */
  timeZone?: string | null;
  onActivity(): void;
  /** This staff member read the conversation up to this message (an ordering key): its unread badge goes. */
  onRead?(conversationId: string, lastId: string): void;
}

/** Who may open the assignment panel (OPS §3.4 action 3): the assignments plugin's manage action; its server checks again. */
/** Who sees the Owner's "Override routing" toggle (OPS §3.4 compose area): the routing plugin's override action. */

const TYPING_IDLE_MS = 3000;
/** Messages per page: the newest page opens the thread, scrolling up reads the ones before it (beforeId). */
export const PAGE_SIZE = 50;
/** How close to an edge (px) still counts as being at it. */
const EDGE_PX = 48;

/** One conversation: its messages live over socket.io, typing, and a compose box for the staff route of its kind. */
export function ThreadView({ conversation, me, directory, socket, events, narrow = false, timeZone = null, onActivity, onRead }: Props) {
  const { get, post } = useFetchClient();
  const navigate = useNavigate();
  const { holds, isLoading: checkingRights } = useAdminRights();
  const canAssign = holds('plugin::assignments.manage');
  const canOverride = holds('plugin::routing.override');
  const [routingOpen, setRoutingOpen] = useState<string | null>(null);
  // What plugins above messaging put on a message (policy's violation badge), through the inbox's injection zone.
  const getPlugin = useStrapiApp('ThreadView', (state: any) => state.getPlugin);
  const badges = useMemo<MessageBadge[]>(() => getPlugin('messaging')?.getInjectedComponents('inbox', 'messageBadges') ?? [], [getPlugin]);
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [typists, setTypists] = useState<Record<string, { name: string; until: number }>>({});
  const [draft, setDraft] = useState('');
  const [replyAsBusiness, setReplyAsBusiness] = useState(false);
  const [visibleToBusiness, setVisibleToBusiness] = useState(false);
  const [confirmShare, setConfirmShare] = useState(false);
  const typingSent = useRef<{ on: boolean; timer?: ReturnType<typeof setTimeout> }>({ on: false });
  const messagesRef = useRef<Message[]>([]);
  messagesRef.current = messages ?? [];
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderProblem, setOlderProblem] = useState<string | null>(null);
  /** Messages that arrived below while the reader was scrolled up ("New messages" pill). */
  const [unseen, setUnseen] = useState(0);
  const scrollerRef = useRef<HTMLDivElement>(null);
  /** Whether the view is (and should stay) pinned to the newest message. */
  const pinned = useRef(true);
  /** Set before older messages are put above: the scroll height to keep the reader's place against. */
  const keepPlace = useRef<{ height: number; top: number } | null>(null);
  /** The newest message the reader has been shown, to tell an arrival below from a page put above. */
  const newestShown = useRef<string | null>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const id = conversation.id;
  const base = `/messaging/conversations/${id}`;

  const businessName = useMemo(
    () => directory?.businesses.find((b) => b.id === conversation.businessId)?.name ?? me.masqueradeBusinesses.find((b) => b.id === conversation.businessId)?.name ?? null,
    [directory, me, conversation.businessId],
  );
  const offer = masqueradeOffer(
    { kind: conversation.kind, businessId: conversation.businessId ? Number(conversation.businessId) : null, businessName },
    { canMasquerade: me.capabilities.masquerade, grantedBusinessIds: new Set(me.masqueradeBusinesses.map((b) => Number(b.id))), featureOn: me.features.masquerade },
  );
  const routeType = staffRouteFor(conversation.kind);

  const merge = useCallback((incoming: Message[]) => {
    setMessages((current) => mergeMessages(current ?? [], incoming).messages);
  }, []);

  const markRead = useCallback(
    (list: Message[]) => {
      const last = [...list].reverse().find((m) => !m.local);
      if (!last) return;
      onRead?.(String(conversation.id), String(last.orderingKey ?? last.id));
      post(`${base}/read`, { lastReadMessageId: last.id }).catch(() => {});
    },
    [post, base, onRead, conversation.id],
  );

  // Load the newest page, join the thread's room for typing, and leave when another thread opens.
  useEffect(() => {
    let alive = true;
    setMessages(null);
    setLoadProblem(null);
    setTypists({});
    setReplyAsBusiness(false);
    setVisibleToBusiness(false);
    setHasOlder(false);
    setUnseen(0);
    pinned.current = true;
    newestShown.current = null;
    get<{ data: Message[]; meta: { hasMore: boolean } }>(`${base}/messages?limit=${PAGE_SIZE}`)
      .then(({ data }) => {
        if (!alive) return;
        setMessages(data.data);
        setHasOlder(Boolean(data.meta?.hasMore));
        markRead(data.data);
      })
      .catch((error) => alive && setLoadProblem(errorSentence(error, 'This conversation could not be loaded. Reload the page to try again.')));
    socket?.emit('conversation:join', { conversationId: id }, () => {});
    return () => {
      alive = false;
      socket?.emit('conversation:leave', { conversationId: id }, () => {});
    };
  }, [id, base, get, socket, markRead]);

  useEffect(
    () =>
      events.subscribe((event: any) => {
        if (event.type === 'message' && event.message.conversationId === id) {
          merge([event.message]);
          if (!event.message.mine) markRead([event.message]);
        } else if (event.type === 'typing' && event.conversationId === id) {
          setTypists((t) => {
            const next = { ...t };
            if (event.typing) next[event.user.id] = { name: event.user.displayName, until: Date.now() + 10_000 };
            else delete next[event.user.id];
            return next;
          });
        } else if (event.type === 'reconnect') {
          // Fetch what was missed while offline, from the last message we have (or from before the gap the server
          // reported, when that is older).
          socket?.emit('conversation:join', { conversationId: id }, () => {});
          const last = [...messagesRef.current].reverse().find((m) => !m.local);
          const sinceId = resyncCursor(last?.id, event.sinceId);
          if (sinceId) socket?.emit('sync', { conversationId: id, sinceId }, (answer: any) => answer?.ok && merge(answer.messages));
        }
      }),
    [events, id, merge, markRead, socket],
  );

  // Older pages: the messages just before the oldest one shown, put above without moving what the reader sees.
  const loadOlder = useCallback(async () => {
    const oldest = messagesRef.current.find((m) => !m.local);
    if (!oldest || loadingOlder) return;
    setLoadingOlder(true);
    setOlderProblem(null);
    try {
      const { data } = await get<{ data: Message[]; meta: { hasMore: boolean } }>(`${base}/messages?beforeId=${encodeURIComponent(oldest.id)}&limit=${PAGE_SIZE}`);
      const el = scrollerRef.current;
      if (el) keepPlace.current = { height: el.scrollHeight, top: el.scrollTop };
      merge(data.data);
      setHasOlder(Boolean(data.meta?.hasMore));
    } catch (error) {
      setOlderProblem(errorSentence(error, 'Earlier messages could not be loaded. Check your connection, then try again.'));
    } finally {
      setLoadingOlder(false);
    }
  }, [get, base, merge, loadingOlder]);

  // After each change of the list: keep the place after a page above, follow the newest while pinned (and after
  // one's own send), or count what arrived below while the reader is further up.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el || messages === null) return;
    const newest = messages.length ? messages[messages.length - 1] : null;
    const arrivedBelow = newest !== null && newest.id !== newestShown.current;
    if (keepPlace.current) {
      el.scrollTop = keepPlace.current.top + (el.scrollHeight - keepPlace.current.height);
      keepPlace.current = null;
    }
    if (arrivedBelow) {
      if (pinned.current || newest.mine || newestShown.current === null) {
        el.scrollTop = el.scrollHeight;
        pinned.current = true;
        setUnseen(0);
      } else {
        setUnseen((n) => n + 1);
      }
    }
    newestShown.current = newest?.id ?? null;
  }, [messages]);

  const onScroll = () => {
    const el = scrollerRef.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight <= EDGE_PX;
    if (pinned.current) setUnseen(0);
    if (el.scrollTop <= EDGE_PX && hasOlder && !loadingOlder && !olderProblem) loadOlder();
  };

  const jumpToNewest = () => {
    const el = scrollerRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    pinned.current = true;
    setUnseen(0);
  };

  const setTyping = (on: boolean) => {
    if (!socket || !me.features.typingIndicators) return;
    clearTimeout(typingSent.current.timer);
    if (on) typingSent.current.timer = setTimeout(() => setTyping(false), TYPING_IDLE_MS);
    if (typingSent.current.on === on) return;
    typingSent.current.on = on;
    socket.emit('typing', { conversationId: id, typing: on });
  };

  const deliver = async (local: Message) => {
    try {
      const { data } = await post<{ data: Message }>(`${base}/messages`, local.local!.request);
      merge([data.data]);
      onActivity();
    } catch (error) {
      const problem = errorSentence(error, 'Not sent: Switchboard could not be reached. Check your connection, then retry.');
      merge([{ ...local, local: { ...local.local!, status: 'failed', problem } }]);
    }
  };

  const retry = (local: Message) => {
    const again = { ...local, local: { ...local.local!, status: 'pending' as const, problem: undefined } };
    merge([again]);
    deliver(again);
  };

  const sendNow = () => {
    const text = draft.trim();
    if (!text) return;
    const idempotencyKey = newIdempotencyKey();
    const bodyHtml = textToMessageHtml(text);
    const request: Record<string, unknown> = { idempotencyKey, routeType, bodyHtml };
    if (routeType === 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS' && offer.offered) request.masqueradeForBusinessId = String(offer.businessId);
    if (routeType === 'ADMIN_TO_VA_PRIVATE' && visibleToBusiness) request.visibleToBusiness = true;
    const local: Message = {
      id: `local:${idempotencyKey}`,
      orderingKey: `local:${idempotencyKey}`,
      conversationId: id,
      createdAt: new Date().toISOString(),
      routeType,
      state: 'pending',
      mine: true,
      idempotencyKey,
      sender: { displayName: routeType === 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS' ? businessName ?? 'Business' : me.displayName, role: routeType === 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS' ? 'business' : 'admin' },
      bodyHtml,
      bodyText: text,
      ...(request.visibleToBusiness ? { visibleToBusiness: true } : {}),
      ...(request.masqueradeForBusinessId ? { masquerade: { actor: { id: me.key, displayName: me.displayName }, forBusiness: { id: String(request.masqueradeForBusinessId), name: businessName ?? 'Business' } } } : {}),
      local: { status: 'pending', request },
    };
    merge([local]);
    setDraft('');
    setVisibleToBusiness(false);
    setTyping(false);
    deliver(local);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (visibleToBusiness) setConfirmShare(true);
    else sendNow();
  };

  const liveTypists = Object.values(typists).filter((t) => t.until > Date.now());
  const masqueradeNeeded = routeType === 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS';
  const composeBlocked = !me.capabilities.send
    ? 'Your admin role cannot send messages. Ask an owner for the "Send messages" permission.'
    : masqueradeNeeded && !offer.offered
      ? `${offer.reason} Only the business speaks in this thread; to talk to the VA as yourself, open a private Admin ↔ VA thread.`
      : null;
  const canSend = !composeBlocked && draft.trim().length > 0 && (!masqueradeNeeded || replyAsBusiness);

  return (
    <Flex direction="column" alignItems="stretch" gap={3} height="100%" style={{ minHeight: 0, flex: 1 }}>
      <Box
        paddingBottom={2}
        borderColor="neutral150"
        borderStyle="solid"
        borderWidth="0 0 1px 0"
        data-testid="thread-header"
        // Whether "Assign Sitter" is offered, once the rights are checked (so a test can tell "hidden" from "not yet").
        data-can-assign={checkingRights ? undefined : String(canAssign)}
        data-can-override={checkingRights ? undefined : String(canOverride)}
      >
        <Flex justifyContent="space-between" alignItems="flex-start" gap={2} wrap="wrap">
          <Typography variant="beta" tag="h2">
            {displayNumber(conversation.title)}
          </Typography>
          {conversation.kind === 'client' && canAssign && (
            // A plain navigation: the Assignments page opens its panel with this client preselected (plugin boundaries).
            <Button variant="secondary" size="S" onClick={() => navigate(assignSitterPath(conversation.id))}>
              Assign Sitter
            </Button>
          )}
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {kindLabel(conversation.kind)} · last activity {timeLabel(conversation.updatedAt)}
        </Typography>
        {conversation.kind === 'client' && (
          <Typography variant="pi" textColor="neutral800" tag="p" data-testid="thread-numbers">
            {clientThreadLine(conversation)}
          </Typography>
        )}
        {conversation.kind === 'client' && (
          <Typography variant="pi" textColor="neutral800" tag="p" data-testid="thread-assignment">
            {assignmentLine(staffAssignment(conversation), new Date(), timeZone)}
          </Typography>
        )}
        {conversation.kind === 'client' &&
          flagLines(conversation.flags, new Date(), timeZone).map((line) => (
            <Typography key={line} variant="pi" textColor="warning700" tag="p" data-testid="thread-flag">
              {line}
            </Typography>
          ))}
      </Box>

      <Box position="relative" style={{ flex: 1, minHeight: narrow ? 200 : 160, display: 'flex', flexDirection: 'column' }}>
      <Box
        ref={scrollerRef}
        onScroll={onScroll}
        role="log"
        aria-live="polite"
        aria-label="Messages in this conversation"
        data-testid="thread-messages"
        style={{ flex: 1, minHeight: 0, overflowY: 'auto', overflowAnchor: 'none' }}
      >
        {messages !== null && messages.length > 0 && (
          <Flex justifyContent="center" paddingBottom={2}>
            {hasOlder ? (
              <Button variant="tertiary" size="S" loading={loadingOlder} onClick={() => loadOlder()}>
                Show earlier messages
              </Button>
            ) : (
              <Typography variant="pi" textColor="neutral600">
                Beginning of the conversation
              </Typography>
            )}
          </Flex>
        )}
        {olderProblem && <ErrorBox message={olderProblem} />}
        {messages === null && !loadProblem && (
          <Flex justifyContent="center" padding={6}>
            <Loader small>Loading messages…</Loader>
          </Flex>
        )}
        {loadProblem && <ErrorBox message={loadProblem} />}
        {messages !== null && messages.length === 0 && (
          <Typography textColor="neutral600">No messages yet. Write the first one below.</Typography>
        )}
        <Flex direction="column" alignItems="stretch" gap={2}>
          {(messages ?? []).map((m) => (
            <MessageBubble key={m.id} message={m} onRetry={() => retry(m)} onShowRouting={setRoutingOpen} badges={badges} timeZone={timeZone} />
          ))}
        </Flex>
      </Box>
      {unseen > 0 && (
        <Box style={{ position: 'absolute', bottom: 8, left: '50%', transform: 'translateX(-50%)' }}>
          <Button size="S" onClick={jumpToNewest} data-testid="new-messages-pill">
            {unseen === 1 ? 'New message ↓' : 'New messages ↓'}
          </Button>
        </Box>
      )}
      </Box>

      <Box minHeight="1.5rem" aria-live="polite">
        {liveTypists.length > 0 && (
          <Typography variant="pi" textColor="neutral600">
            {liveTypists.map((t) => t.name).join(', ')} {liveTypists.length === 1 ? 'is' : 'are'} typing…
          </Typography>
        )}
      </Box>

      <form onSubmit={submit} aria-label="Compose">
        <Flex direction="column" alignItems="stretch" gap={2}>
          {masqueradeNeeded && offer.offered && (
            <Flex gap={3} alignItems="center">
              <Checkbox checked={replyAsBusiness} onCheckedChange={(v: boolean | 'indeterminate') => setReplyAsBusiness(v === true)}>
                Reply as {businessName}
              </Checkbox>
              {replyAsBusiness && (
                <Tooltip label={`The VA sees your reply as from ${businessName}, never your name. Owners and admins see that you wrote it, and it is recorded in the audit log.`}>
                  <span tabIndex={0} data-testid="masquerade-badge">
                    <Badge backgroundColor="alternative100" textColor="alternative700" borderColor="alternative200">
                      Masquerading as {businessName}
                    </Badge>
                  </span>
                </Tooltip>
              )}
            </Flex>
          )}
          {conversation.kind === 'admin_va' && conversation.businessId && me.capabilities.send && (
            <Checkbox checked={visibleToBusiness} onCheckedChange={(v: boolean | 'indeterminate') => setVisibleToBusiness(v === true)}>
              Visible to business: {businessName ?? 'the business'} sees this one note, as from "Admin team"; the rest of the thread stays private
            </Checkbox>
          )}
          {conversation.kind === 'client' && canOverride && (
            // OPS §3.4 "Override routing toggle (owner-only)": the override is set, previewed and removed on the Routing page.
            <Field.Root name="overrideRouting" hint={conversation.flags?.override ? 'Open the Routing page to remove it.' : 'Opens the Routing page with the override form for this thread.'}>
              <Field.Label>Override routing</Field.Label>
              <Toggle
                onLabel="On"
                offLabel="Off"
                checked={Boolean(conversation.flags?.override)}
                onChange={() => navigate(routingPath(conversation.id, !conversation.flags?.override))}
              />
              <Field.Hint />
            </Field.Root>
          )}
          {composeBlocked ? (
            <Box background="neutral100" padding={3} hasRadius role="status">
              <Typography textColor="neutral700">{composeBlocked}</Typography>
            </Box>
          ) : (
            <>
              <Field.Root name="message">
                <Field.Label>Message</Field.Label>
                <Textarea
                  ref={composerRef}
                  value={draft}
                  placeholder={masqueradeNeeded ? (replyAsBusiness ? `Write as ${businessName}…` : `Tick "Reply as ${businessName}" to write in this thread`) : 'Write a message…'}
                  disabled={masqueradeNeeded && !replyAsBusiness}
                  onChange={(e: any) => {
                    setDraft(e.target.value);
                    setTyping(e.target.value.length > 0);
                  }}
                  onKeyDown={(e: any) => {
                    // The web app's convention: Enter sends, Shift+Enter starts a new line (not while composing text in an IME).
                    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent?.isComposing) {
                      e.preventDefault();
                      if (canSend) submit(e);
                    }
                  }}
                  rows={narrow ? 2 : 3}
                />
              </Field.Root>
              <Flex justifyContent="space-between" alignItems="center" gap={2}>
                <Typography variant="pi" textColor="neutral600" data-testid="send-hint">
                  Enter to send · Shift+Enter for a new line
                </Typography>
                <Button type="submit" disabled={!canSend}>
                  {masqueradeNeeded ? `Send as ${businessName}` : 'Send'}
                </Button>
              </Flex>
            </>
          )}
        </Flex>
      </form>

      {routingOpen && <RoutingDecisionDialog decisionId={routingOpen} timeZone={timeZone} onClose={() => setRoutingOpen(null)} />}

      <Dialog.Root open={confirmShare} onOpenChange={setConfirmShare}>
        <Dialog.Content>
          <Dialog.Header>Share this note with {businessName ?? 'the business'}?</Dialog.Header>
          <Dialog.Body>
            <Typography>
              {businessName ?? 'The business'} will see this note in its conversation with the Admin team, as from "Admin team". The VA sees it here as
              usual. A shared note cannot be taken back.
            </Typography>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary">Cancel</Button>
            </Dialog.Cancel>
            <Dialog.Action>
              <Button variant="default" onClick={() => { setConfirmShare(false); sendNow(); }}>
                Share with business
              </Button>
            </Dialog.Action>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Flex>
  );
}
