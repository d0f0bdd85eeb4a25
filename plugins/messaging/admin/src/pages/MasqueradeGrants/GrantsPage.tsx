import { useCallback, useEffect, useState } from 'react';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Dialog, Field, Flex, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { GrantCandidates, MasqueradeGrant } from '../../api';

type Pending = { kind: 'grant'; adminId: string; businessId: string } | { kind: 'revoke'; grant: MasqueradeGrant };

/** Owners decide which admin may reply to VAs as which business (PRD §6.1, §9). Every change is audited. */
const GrantsPage = () => {
  const { get, post, del } = useFetchClient();
  const [grants, setGrants] = useState<MasqueradeGrant[] | null>(null);
  const [candidates, setCandidates] = useState<GrantCandidates>({ admins: [], businesses: [] });
  const [adminId, setAdminId] = useState('');
  const [businessId, setBusinessId] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: MasqueradeGrant[]; meta: GrantCandidates }>('/messaging/masquerade-grants');
      setGrants(data.data);
      setCandidates(data.meta);
    } catch (error) {
      setProblem(errorSentence(error, 'The masquerade grants could not be loaded. Reload the page to try again.'));
    }
  }, [get]);

  useEffect(() => {
    load();
  }, [load]);

  const adminName = (id: string) => candidates.admins.find((a) => a.id === id)?.displayName ?? 'this admin';
  const businessName = (id: string) => candidates.businesses.find((b) => b.id === id)?.name ?? 'this business';

  const alreadyHas = (admin: string, business: string) => `${admin} already has a grant to reply to VAs as ${business}; nothing changed.`;
  const requestGrant = () => {
    const existing = (grants ?? []).find((g) => g.admin.id === adminId && g.business.id === businessId);
    if (existing) {
      setProblem(null);
      setNotice(alreadyHas(existing.admin.displayName, existing.business.name));
      return;
    }
    setNotice(null);
    setPending({ kind: 'grant', adminId, businessId });
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setProblem(null);
    try {
      if (pending.kind === 'grant') {
        const { data } = await post<{ data: MasqueradeGrant }>('/messaging/masquerade-grants', { adminUserId: pending.adminId, businessId: pending.businessId });
        // The server answers a repeated grant with the one that exists (nothing changes): say so.
        const existed = (grants ?? []).some((g) => g.id === data.data.id);
        setNotice(existed ? alreadyHas(data.data.admin.displayName, data.data.business.name) : `${data.data.admin.displayName} may now reply to VAs as ${data.data.business.name}.`);
        setAdminId('');
        setBusinessId('');
      } else {
        await del(`/messaging/masquerade-grants/${pending.grant.id}`);
        setNotice(`${pending.grant.admin.displayName} may no longer reply as ${pending.grant.business.name}.`);
      }
      setPending(null);
      await load();
    } catch (error) {
      setPending(null);
      setProblem(errorSentence(error, 'The change was not saved. Check your connection and try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>Masquerade grants</Page.Title>
      <Layouts.Header
        title="Masquerade grants"
        subtitle="Who may reply to VAs as a business. The VA sees the business; owners, admins and the audit log see who really wrote."
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {problem && <ErrorBox message={problem} />}
          {notice && (
            <Box background="success100" padding={3} hasRadius role="status">
              <Typography textColor="success700">{notice}</Typography>
            </Box>
          )}
          <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Field.Root name="adminUserId">
                <Field.Label>Admin</Field.Label>
                <SingleSelect value={adminId} placeholder="Choose an admin" onChange={(v: string | number) => setAdminId(String(v))}>
                  {candidates.admins.map((a) => (
                    <SingleSelectOption key={a.id} value={a.id}>
                      {`${a.displayName} (${a.email})`}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Field.Root name="businessId">
                <Field.Label>May reply as</Field.Label>
                <SingleSelect value={businessId} placeholder="Choose a business" onChange={(v: string | number) => setBusinessId(String(v))}>
                  {candidates.businesses.map((b) => (
                    <SingleSelectOption key={b.id} value={b.id}>
                      {b.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Button disabled={!adminId || !businessId} onClick={requestGrant}>
                Grant
              </Button>
            </Flex>
          </Box>
          <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
            {grants === null && !problem && <Loader small>Loading grants…</Loader>}
            {grants !== null && grants.length === 0 && (
              <Typography textColor="neutral600">No one may reply as a business yet. Choose an admin and a business above to grant it.</Typography>
            )}
            {grants !== null && grants.length > 0 && (
              <Table colCount={4} rowCount={grants.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">Admin</Typography></Th>
                    <Th><Typography variant="sigma">May reply as</Typography></Th>
                    <Th><Typography variant="sigma">Granted</Typography></Th>
                    <Th><Typography variant="sigma">Action</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {grants.map((g) => (
                    <Tr key={g.id}>
                      <Td><Typography>{g.admin.displayName} ({g.admin.email})</Typography></Td>
                      <Td><Typography>{g.business.name}</Typography></Td>
                      <Td><Typography>{new Date(g.grantedAt).toLocaleString()}</Typography></Td>
                      <Td>
                        <Button variant="danger-light" size="S" onClick={() => setPending({ kind: 'revoke', grant: g })}>
                          Revoke
                        </Button>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </Box>
        </Flex>
      </Layouts.Content>

      <Dialog.Root open={pending !== null} onOpenChange={(o: boolean) => !o && setPending(null)}>
        <Dialog.Content>
          <Dialog.Header>{pending?.kind === 'revoke' ? 'Revoke masquerade grant' : 'Grant masquerade'}</Dialog.Header>
          <Dialog.Body>
            <Typography>
              {pending?.kind === 'revoke'
                ? `${pending.grant.admin.displayName} will no longer be able to reply to VAs as ${pending.grant.business.name}. Messages already sent stay as they are. This is recorded in the audit log.`
                : pending
                  ? `${adminName(pending.adminId)} will be able to reply to VAs as ${businessName(pending.businessId)}. The VA will see ${businessName(pending.businessId)}, not ${adminName(pending.adminId)}. This is recorded in the audit log.`
                  : ''}
            </Typography>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary">Cancel</Button>
            </Dialog.Cancel>
            <Button variant={pending?.kind === 'revoke' ? 'danger' : 'default'} loading={busy} onClick={confirm}>
              {pending?.kind === 'revoke' ? 'Revoke' : 'Grant'}
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Page.Main>
  );
};

const ProtectedGrantsPage = () => (
  <Page.Protect permissions={[{ action: 'plugin::messaging.manage-grants', subject: null }]}>
    <GrantsPage />
  </Page.Protect>
);

export default ProtectedGrantsPage;
