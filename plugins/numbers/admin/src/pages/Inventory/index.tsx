import { useCallback, useEffect, useMemo, useState } from 'react';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  EmptyStateLayout,
  Flex,
  Loader,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ErrorBox, downloadCsv, errorSentence } from '@switchboard/kit/admin';
import { ActionDialog, type NumberAction } from './ActionDialog';
import { BuyDialog } from './BuyDialog';
import { NumberDetail } from './NumberDetail';
import { InventoryFilters, NO_FILTERS, queryOf, type Filters } from './InventoryFilters';
import type { Health, InventoryCapabilities, InventoryNumber, NumberClass, NumberStatus, SitterNumber } from '../../../../shared/contracts';
import { CLASS_LABEL, HEALTH_LABEL, STATUS_LABEL, assignedLabel, when } from './labels';

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
  const [buying, setBuying] = useState<{ numberClass: NumberClass } | null>(null);
  // A quarantine paused to buy its Front Desk replacement first: it opens again once the number is bought.
  const [resume, setResume] = useState<{ action: NumberAction; numbers: InventoryNumber[] } | null>(null);
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
    setAction(buying ? resume : null);
    setResume(null);
    setBuying(null);
    setSelected([]);
    toggleNotification({ type: 'success', message });
    load();
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadCsv(get, '/numbers/export.csv', 'number-inventory.csv');
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
            {can.buy && <Button onClick={() => setBuying({ numberClass: 'pool' })}>Buy New Number</Button>}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <InventoryFilters filters={filters} sitters={sitters} onChange={set} onClear={() => setFilters(NO_FILTERS)} />

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
                  <Button variant="secondary" onClick={() => setBuying({ numberClass: 'pool' })}>
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
                      <Typography>{assignedLabel(n)}</Typography>
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
      {action && (
        <ActionDialog
          action={action.action}
          numbers={action.numbers}
          sitters={sitters}
          canBuy={can.buy}
          onBuyFirst={() => {
            setResume(action);
            setAction(null);
            setBuying({ numberClass: 'front_desk' });
          }}
          onClose={() => setAction(null)}
          onDone={done}
        />
      )}
      {buying && (
        <BuyDialog
          initialClass={buying.numberClass}
          onClose={() => {
            setBuying(null);
            setAction(resume);
            setResume(null);
          }}
          onDone={done}
        />
      )}
      {detailId !== null && <NumberDetail id={detailId} onClose={() => setDetailId(null)} />}
    </Page.Main>
  );
};

export default Inventory;
