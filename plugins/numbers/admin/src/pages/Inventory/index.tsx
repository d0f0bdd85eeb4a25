import { useCallback, useEffect, useMemo, useState } from 'react';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  EmptyStateLayout,
  Field,
  Flex,
  Loader,
  MultiSelect,
  MultiSelectOption,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import { ActionDialog, type NumberAction } from './ActionDialog';
import { BuyDialog } from './BuyDialog';
import { NumberDetail } from './NumberDetail';
import type { Health, InventoryCapabilities, InventoryNumber, NumberClass, NumberStatus, SitterNumber } from '../../../../shared/contracts';
import { CLASS_LABEL, HEALTH_LABEL, STATUS_LABEL, when } from './labels';


const HEALTH_COLOUR: Record<Health, { backgroundColor: string; textColor: string }> = {
  healthy: { backgroundColor: 'success100', textColor: 'success700' },
  warning: { backgroundColor: 'warning100', textColor: 'warning700' },
  critical: { backgroundColor: 'danger100', textColor: 'danger700' },
};
const STATUS_COLOUR: Record<NumberStatus, { backgroundColor: string; textColor: string }> = {
  active: { backgroundColor: 'success100', textColor: 'success700' },
  quarantined: { backgroundColor: 'danger100', textColor: 'danger700' },
  inactive: { backgroundColor: 'neutral150', textColor: 'neutral700' },
};

const NOTHING: InventoryCapabilities = { assign: false, release: false, buy: false, quarantine: false, bulk: false };

interface Filters {
  numberClass: string[];
  status: string[];
  sitterUserId: string;
  unassigned: boolean;
  client: string;
  health: string;
  usage: string;
}
const NO_FILTERS: Filters = { numberClass: [], status: [], sitterUserId: '', unassigned: false, client: '', health: '', usage: '' };

function queryOf(f: Filters): string {
  const q = new URLSearchParams();
  if (f.numberClass.length) q.set('numberClass', f.numberClass.join(','));
  if (f.status.length) q.set('status', f.status.join(','));
  if (f.sitterUserId) q.set('sitterUserId', f.sitterUserId);
  if (f.unassigned) q.set('unassigned', 'true');
  if (f.client.trim()) q.set('client', f.client.trim());
  if (f.health) q.set('health', f.health);
  if (f.usage) q.set('usage', f.usage);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** OPS §3.1: the Number Inventory — every column, filter, action and guardrail of the spec, for Owners and Admins. */
const Inventory = () => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  // What this admin may do, as the server decides it, with the list (OPS §3.1 "Permissions").
  const [can, setCan] = useState<InventoryCapabilities>(NOTHING);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [rows, setRows] = useState<InventoryNumber[] | null>(null);
  const [sitters, setSitters] = useState<SitterNumber[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [action, setAction] = useState<{ action: NumberAction; numbers: InventoryNumber[] } | null>(null);
  const [buying, setBuying] = useState(false);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);

  const load = useCallback(async () => {
    setProblem(null);
    try {
      const [numbers, people] = await Promise.all([
        get<{ data: InventoryNumber[]; meta?: { capabilities?: InventoryCapabilities } }>(`/numbers${queryOf(filters)}`),
        get<{ data: SitterNumber[] }>('/numbers/sitters'),
      ]);
      setRows(numbers.data.data);
      setCan(numbers.data.meta?.capabilities ?? NOTHING);
      setSitters(people.data.data);
      setSelected((s) => s.filter((id) => numbers.data.data.some((n) => n.id === id)));
    } catch (error) {
      setProblem(errorSentence(error));
    }
  }, [get, filters]);

  useEffect(() => {
    load();
  }, [load]);

  const done = (message: string) => {
    setAction(null);
    setBuying(false);
    setSelected([]);
    toggleNotification({ type: 'success', message });
    load();
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { data } = await get('/numbers/export.csv', { responseType: 'text' });
      const url = URL.createObjectURL(new Blob([data], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'number-inventory.csv';
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorSentence(error) });
    } finally {
      setExporting(false);
    }
  };

  const chosen = useMemo(() => (rows ?? []).filter((r) => selected.includes(r.id)), [rows, selected]);
  const canBulk = can.bulk;
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <Page.Main>
      <Page.Title>Number Inventory</Page.Title>
      <Layouts.Header
        title="Number Inventory"
        subtitle="Every business number: what it is, who uses it, and how healthy it is."
        primaryAction={
          <Flex gap={2}>
            {canBulk && (
              <Button variant="secondary" onClick={exportCsv} loading={exporting}>
                Export CSV
              </Button>
            )}
            {can.buy && <Button onClick={() => setBuying(true)}>Buy New Number</Button>}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
            <Flex gap={3} wrap="wrap" alignItems="flex-end">
              <Field.Root name="class">
                <Field.Label>Class</Field.Label>
                <MultiSelect value={filters.numberClass} placeholder="All classes" onChange={(v: string[]) => set({ numberClass: v })} withTags={false}>
                  {(Object.keys(CLASS_LABEL) as NumberClass[]).map((c) => (
                    <MultiSelectOption key={c} value={c}>
                      {CLASS_LABEL[c]}
                    </MultiSelectOption>
                  ))}
                </MultiSelect>
              </Field.Root>
              <Field.Root name="status">
                <Field.Label>Status</Field.Label>
                <MultiSelect value={filters.status} placeholder="All statuses" onChange={(v: string[]) => set({ status: v })} withTags={false}>
                  {(Object.keys(STATUS_LABEL) as NumberStatus[]).map((s) => (
                    <MultiSelectOption key={s} value={s}>
                      {STATUS_LABEL[s]}
                    </MultiSelectOption>
                  ))}
                </MultiSelect>
              </Field.Root>
              <Field.Root name="sitter">
                <Field.Label>Assigned to sitter</Field.Label>
                <SingleSelect value={filters.sitterUserId} placeholder="Any sitter" onClear={() => set({ sitterUserId: '' })} onChange={(v: string | number) => set({ sitterUserId: String(v) })}>
                  {sitters.map((s) => (
                    <SingleSelectOption key={s.userId} value={String(s.userId)}>
                      {s.displayName}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Field.Root name="health">
                <Field.Label>Health</Field.Label>
                <SingleSelect value={filters.health} placeholder="All" onClear={() => set({ health: '' })} onChange={(v: string | number) => set({ health: String(v) })}>
                  {(Object.keys(HEALTH_LABEL) as Health[]).map((h) => (
                    <SingleSelectOption key={h} value={h}>
                      {HEALTH_LABEL[h]}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Field.Root name="usage">
                <Field.Label>Usage</Field.Label>
                <SingleSelect value={filters.usage} placeholder="Any" onClear={() => set({ usage: '' })} onChange={(v: string | number) => set({ usage: String(v) })}>
                  <SingleSelectOption value="24h">Used in the last 24 hours</SingleSelectOption>
                  <SingleSelectOption value="7d">Used in the last 7 days</SingleSelectOption>
                  <SingleSelectOption value="30d">Used in the last 30 days</SingleSelectOption>
                  <SingleSelectOption value="never">Never used</SingleSelectOption>
                  <SingleSelectOption value="high">High volume (over 100 in 7 days)</SingleSelectOption>
                </SingleSelect>
              </Field.Root>
              <Field.Root name="client">
                <Field.Label>Assigned to client</Field.Label>
                <TextInput placeholder="Client phone" value={filters.client} onChange={(e: any) => set({ client: e.target.value })} />
              </Field.Root>
              <Checkbox checked={filters.unassigned} onCheckedChange={(c: boolean | 'indeterminate') => set({ unassigned: c === true })}>
                Unassigned pool numbers
              </Checkbox>
              <Button variant="tertiary" onClick={() => setFilters(NO_FILTERS)}>
                Clear filters
              </Button>
            </Flex>
          </Box>

          {problem && (
            <ErrorBox
              message={problem}
              action={
                <Button variant="tertiary" onClick={load}>
                  Retry
                </Button>
              }
            />
          )}

          {chosen.length > 0 && (
            <Box background="primary100" padding={3} hasRadius>
              <Flex gap={2} alignItems="center">
                <Typography fontWeight="bold">{chosen.length} selected</Typography>
                {can.quarantine && (
                  <Button variant="danger-light" onClick={() => setAction({ action: 'quarantine', numbers: chosen })}>
                    Quarantine selected
                  </Button>
                )}
                <Button variant="secondary" onClick={() => setAction({ action: 'release', numbers: chosen })}>
                  Release selected to pool
                </Button>
                <Button variant="secondary" onClick={() => setAction({ action: 'assign', numbers: chosen })}>
                  Assign selected
                </Button>
                <Button variant="tertiary" onClick={() => setSelected([])}>
                  Clear selection
                </Button>
              </Flex>
            </Box>
          )}

          {rows === null && !problem && <Loader>Loading the inventory…</Loader>}
          {rows !== null && rows.length === 0 && (
            <EmptyStateLayout
              content={filters === NO_FILTERS ? 'No numbers yet. Buy a number or import the ones your provider account already has.' : 'No numbers match these filters.'}
              action={
                can.buy && filters === NO_FILTERS ? (
                  <Button variant="secondary" onClick={() => setBuying(true)}>
                    Buy New Number
                  </Button>
                ) : undefined
              }
            />
          )}
          {rows !== null && rows.length > 0 && (
            <Table colCount={canBulk ? 9 : 8} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  {canBulk && (
                    <Th>
                      <Checkbox
                        aria-label="Select every number"
                        checked={selected.length === rows.length ? true : selected.length > 0 ? 'indeterminate' : false}
                        onCheckedChange={(c: boolean | 'indeterminate') => setSelected(c === true ? rows.map((r) => r.id) : [])}
                      />
                    </Th>
                  )}
                  <Th>
                    <Typography variant="sigma">Number</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Class</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Status</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Assigned to</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Health</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Last usage</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Messages (7d)</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Actions</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((n) => (
                  <Tr key={n.id} aria-label={n.display}>
                    {canBulk && (
                      <Td>
                        <Checkbox
                          aria-label={`Select ${n.display}`}
                          checked={selected.includes(n.id)}
                          onCheckedChange={(c: boolean | 'indeterminate') => setSelected((s) => (c === true ? [...s, n.id] : s.filter((id) => id !== n.id)))}
                        />
                      </Td>
                    )}
                    <Td>
                      <Typography fontWeight="bold">{n.display}</Typography>
                    </Td>
                    <Td>
                      <Badge>{CLASS_LABEL[n.numberClass]}</Badge>
                    </Td>
                    <Td>
                      <Badge {...(STATUS_COLOUR[n.status] as any)}>{STATUS_LABEL[n.status]}</Badge>
                      {n.quarantine && n.quarantine.daysRemaining > 0 && (
                        <Typography variant="pi" textColor="neutral600" tag="p">
                          Available in {n.quarantine.daysRemaining} days
                        </Typography>
                      )}
                    </Td>
                    <Td>
                      <Typography>{n.assignedTo}</Typography>
                    </Td>
                    <Td>
                      <Badge {...(HEALTH_COLOUR[n.health] as any)} title={`${n.deliveryErrors7d} delivery errors in the last 7 days`}>
                        {HEALTH_LABEL[n.health]}
                      </Badge>
                    </Td>
                    <Td>
                      <Typography>{when(n.lastUsedAt)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{n.volume7d}</Typography>
                    </Td>
                    <Td>
                      <Flex gap={1} wrap="wrap">
                        <Button size="S" variant="tertiary" onClick={() => setDetailId(n.id)}>
                          View details
                        </Button>
                        {can.assign && n.actions.assign && (
                          <Button size="S" variant="secondary" onClick={() => setAction({ action: 'assign', numbers: [n] })}>
                            Assign
                          </Button>
                        )}
                        {can.release && n.actions.release && (
                          <Button size="S" variant="secondary" onClick={() => setAction({ action: 'release', numbers: [n] })}>
                            Release
                          </Button>
                        )}
                        {can.quarantine && n.actions.quarantine && (
                          <Button size="S" variant="danger-light" onClick={() => setAction({ action: 'quarantine', numbers: [n] })}>
                            Quarantine
                          </Button>
                        )}
                        {can.quarantine && n.actions.releaseFromQuarantine && (
                          <Button size="S" variant="secondary" onClick={() => setAction({ action: 'release-quarantine', numbers: [n] })}>
                            Release from quarantine
                          </Button>
                        )}
                      </Flex>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
      {action && <ActionDialog action={action.action} numbers={action.numbers} sitters={sitters} onClose={() => setAction(null)} onDone={done} />}
      {buying && <BuyDialog onClose={() => setBuying(false)} onDone={done} />}
      {detailId !== null && <NumberDetail id={detailId} onClose={() => setDetailId(null)} />}
    </Page.Main>
  );
};

export default Inventory;
