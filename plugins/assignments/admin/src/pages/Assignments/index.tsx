import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Tabs } from '@strapi/design-system';
import type { AssignmentWindow } from '../../../../shared/contracts';
import { AssignPanel, type AssignTarget } from './AssignPanel';
import { CalendarView, type CalendarMove } from './CalendarView';
import { ConflictsView } from './ConflictsView';
import { ListView } from './ListView';
import { WindowChange, WindowDetails } from './WindowDialog';
import { assignTarget } from './model';
import { useCanManage, useCanOverride } from './permissions';

type Tab = 'calendar' | 'list' | 'conflicts';
type Open =
  | { kind: 'details'; window: AssignmentWindow; editing: boolean }
  | { kind: 'update'; window: AssignmentWindow; startsAt: string; endsAt: string; revert?: () => void }
  | { kind: 'delete'; window: AssignmentWindow };

/**
 * Issue 16 (OPS §3.3): assignment windows as a calendar, a list and their conflicts, and the assign-sitter panel.
 * URL contract: `?assign=<conversationId>` (the inbox's "Assign Sitter") or `?clientId=<documentId>` opens the panel
 * with that client chosen; closing the panel drops the parameter.
 */
const AssignmentsPage = () => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const canManage = useCanManage();
  const canOverride = useCanOverride();
  const [search, setSearch] = useSearchParams();
  const [tab, setTab] = useState<Tab>('calendar');
  const [zone, setZone] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [panel, setPanel] = useState<AssignTarget | false>(false);
  const [open, setOpen] = useState<Open | null>(null);

  // Times read in the organisation's zone (people's settings); the browser's zone if it cannot be read.
  useEffect(() => {
    get<{ data: { timeZone: string } }>('/people/organisation')
      .then(({ data }) => setZone(data.data.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone))
      .catch(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone));
  }, [get]);

  const fromUrl = useMemo(() => assignTarget(search), [search]);
  // The panel opens once the client's name is known, so its Client field starts with it (the field takes its text
  // when it mounts); if the name cannot be read, it opens without it.
  useEffect(() => {
    if (!fromUrl || !canManage) return;
    let current = true;
    const open = (target: AssignTarget) => current && setPanel(target);
    if ('clientId' in fromUrl) {
      get<{ data: { id: string; name: string } }>(`/people/clients/${encodeURIComponent(fromUrl.clientId)}`)
        .then(({ data }) => open({ clientId: fromUrl.clientId, name: data.data.name }))
        .catch(() => open(fromUrl));
    } else {
      get<{ data: Array<{ id: string; title: string; client?: { name: string } }> }>('/messaging/conversations?kind=client&pageSize=200')
        .then(({ data }) => {
          const thread = data.data.find((c) => c.id === fromUrl.conversationId);
          open(thread ? { conversationId: fromUrl.conversationId, name: thread.client?.name ?? thread.title } : fromUrl);
        })
        .catch(() => open(fromUrl));
    }
    return () => {
      current = false;
    };
  }, [fromUrl, canManage, get]);

  const closePanel = () => {
    setPanel(false);
    if (search.has('assign') || search.has('clientId')) {
      const next = new URLSearchParams(search);
      next.delete('assign');
      next.delete('clientId');
      setSearch(next, { replace: true });
    }
  };

  const changed = (sentence: string) => {
    setOpen(null);
    setVersion((v) => v + 1);
    toggleNotification({ type: 'success', message: sentence });
  };

  return (
    <Page.Main>
      <Page.Title>Assignments</Page.Title>
      <Layouts.Header
        title="Assignments"
        subtitle="Which sitter may message which client, and when."
        primaryAction={
          canManage ? (
            <Button onClick={() => setPanel(null)} disabled={!zone}>
              Assign sitter
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        {zone && (
          <Tabs.Root value={tab} onValueChange={(value: string) => setTab(value as Tab)} aria-label="Assignments">
            <Tabs.List aria-label="Assignment views">
              <Tabs.Trigger value="calendar">Calendar</Tabs.Trigger>
              <Tabs.Trigger value="list">List</Tabs.Trigger>
              <Tabs.Trigger value="conflicts">Conflicts</Tabs.Trigger>
            </Tabs.List>
            <Box paddingTop={4}>
              <Tabs.Content value="calendar">
                <CalendarView
                  zone={zone}
                  canManage={canManage}
                  version={version}
                  onOpen={(w) => setOpen({ kind: 'details', window: w, editing: false })}
                  onMove={(m: CalendarMove) => setOpen({ kind: 'update', window: m.window, startsAt: m.startsAt, endsAt: m.endsAt, revert: m.revert })}
                />
              </Tabs.Content>
              <Tabs.Content value="list">
                <ListView
                  zone={zone}
                  canManage={canManage}
                  version={version}
                  onOpen={(w, action) => setOpen(action === 'delete' ? { kind: 'delete', window: w } : { kind: 'details', window: w, editing: action === 'edit' })}
                />
              </Tabs.Content>
              <Tabs.Content value="conflicts">
                <ConflictsView zone={zone} canManage={canManage} version={version} onResolved={changed} />
              </Tabs.Content>
            </Box>
          </Tabs.Root>
        )}
      </Layouts.Content>
      {zone && panel !== false && <AssignPanel zone={zone} target={panel} onClose={closePanel} onDone={() => setVersion((v) => v + 1)} />}
      {zone && open?.kind === 'details' && (
        <WindowDetails
          window={open.window}
          zone={zone}
          canManage={canManage}
          canOverride={canOverride}
          startEditing={open.editing}
          onClose={() => setOpen(null)}
          onChange={(change) => setOpen(change.kind === 'delete' ? { kind: 'delete', window: open.window } : { kind: 'update', window: open.window, startsAt: change.startsAt, endsAt: change.endsAt })}
        />
      )}
      {open && open.kind !== 'details' && (
        <WindowChange
          window={open.window}
          change={open.kind === 'update' ? { kind: 'update', startsAt: open.startsAt, endsAt: open.endsAt } : { kind: 'delete' }}
          onClose={() => {
            if (open.kind === 'update') open.revert?.();
            setOpen(null);
          }}
          onDone={changed}
        />
      )}
    </Page.Main>
  );
};

export default AssignmentsPage;
