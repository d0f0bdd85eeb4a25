import { useCallback, useEffect, useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Badge, Button, EmptyStateLayout, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ErrorBox, displayNumber, errorSentence } from '@switchboard/kit/admin';
import { SitterDialog, type SitterChange } from './SitterDialog';
import type { SitterPick } from '../../../../shared/contracts';

/** The sitters, their state and masked number; an Owner activates and deactivates them (OPS §4.1, §4.2). */
export const SittersTab = ({ canActivate }: { canActivate: boolean }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [rows, setRows] = useState<SitterPick[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [change, setChange] = useState<{ sitter: SitterPick; change: SitterChange } | null>(null);

  const load = useCallback(async () => {
    setProblem(null);
    try {
      const { data } = await get<{ data: SitterPick[] }>('/people/sitters');
      setRows(data.data);
    } catch (error) {
      setProblem(errorSentence(error, 'The sitters could not be loaded. Check your connection and retry.'));
    }
  }, [get]);

  useEffect(() => {
    load();
  }, [load]);

  const done = (message: string) => {
    setChange(null);
    toggleNotification({ type: 'success', message });
    load();
  };

  return (
    <>
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
      {rows === null && !problem && <Loader>Loading sitters…</Loader>}
      {rows !== null && rows.length === 0 && <EmptyStateLayout content={canActivate ? 'No sitters yet. Create a sitter account in Accounts.' : 'No sitters yet. An owner creates sitter accounts.'} />}
      {rows !== null && rows.length > 0 && (
        <Table colCount={canActivate ? 4 : 3} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">Sitter</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">State</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Masked number</Typography>
              </Th>
              {canActivate && (
                <Th>
                  <Typography variant="sigma">Actions</Typography>
                </Th>
              )}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((sitter) => (
              <Tr key={sitter.id} aria-label={sitter.displayName}>
                <Td>
                  <Typography fontWeight="bold">{sitter.displayName}</Typography>
                </Td>
                <Td>
                  {sitter.active ? (
                    <Badge backgroundColor="success100" textColor="success700">
                      Active
                    </Badge>
                  ) : (
                    <Badge backgroundColor="neutral150" textColor="neutral700">
                      Inactive
                    </Badge>
                  )}
                </Td>
                <Td>
                  {sitter.maskedNumber ? (
                    <Typography>{displayNumber(sitter.maskedNumber)}</Typography>
                  ) : (
                    <Typography textColor="neutral600">No masked number</Typography>
                  )}
                </Td>
                {canActivate && (
                  <Td>
                    {sitter.active ? (
                      <Button size="S" variant="danger-light" onClick={() => setChange({ sitter, change: 'deactivate' })} aria-label={`Deactivate ${sitter.displayName}`}>
                        Deactivate
                      </Button>
                    ) : (
                      <Button size="S" variant="secondary" onClick={() => setChange({ sitter, change: 'activate' })} aria-label={`Activate ${sitter.displayName}`}>
                        Activate
                      </Button>
                    )}
                  </Td>
                )}
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {change && <SitterDialog sitter={change.sitter} change={change.change} onClose={() => setChange(null)} onDone={done} />}
    </>
  );
};
