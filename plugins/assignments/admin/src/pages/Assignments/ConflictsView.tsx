import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Button, EmptyStateLayout, Flex, Link, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ErrorBox, PreviewDialog, errorSentence } from '@switchboard/kit/admin';
import type { AssignmentWindow, ConflictResolution, PreviewAnswer, ResolveConflictBody, WindowConflict } from '../../../../shared/contracts';
import { formatLocal, threadLink, type ResolveAction } from './model';

interface Resolving {
  conflict: WindowConflict;
  keep: AssignmentWindow;
  action: ResolveAction;
}

const ACTION_LABEL: Record<ResolveAction, string> = { keep: 'Keep this one', trim: 'Trim', split: 'Split' };

/**
 * OPS §3.3 conflicts: pairs of overlapping windows on one thread; resolved by keeping one window (the other goes),
 * trimming the other around it, or splitting the other so the kept one runs alone, each previewed first
 * (POST /assignments/conflicts/resolve).
 */
export const ConflictsView = ({ zone, canManage, version, onResolved }: { zone: string; canManage: boolean; version: number; onResolved: (sentence: string) => void }) => {
  const { get, post } = useFetchClient();
  const [conflicts, setConflicts] = useState<WindowConflict[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [resolving, setResolving] = useState<Resolving | null>(null);

  const load = useCallback(async () => {
    setProblem(null);
    try {
      const { data } = await get<{ data: WindowConflict[] }>('/assignments/conflicts');
      setConflicts(data.data);
    } catch (error) {
      setProblem(errorSentence(error, 'The conflicts could not be loaded. Check your connection and retry.'));
    }
  }, [get]);

  useEffect(() => {
    load();
  }, [load, version]);

  const body = (r: Resolving): ResolveConflictBody => ({ conversationId: r.conflict.conversationId, keepWindowId: r.keep.id, action: r.action });
  const windowCell = (w: AssignmentWindow) => (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography fontWeight="bold">{w.sitter.displayName}</Typography>
      <Typography variant="pi" textColor="neutral600">
        {formatLocal(w.startsAt, zone)} – {formatLocal(w.endsAt, zone)}
      </Typography>
    </Flex>
  );

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
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
      {conflicts === null && !problem && <Loader>Loading conflicts…</Loader>}
      {conflicts !== null && conflicts.length === 0 && <EmptyStateLayout content="No conflicts." />}
      {conflicts !== null && conflicts.length > 0 && (
        <Table colCount={canManage ? 5 : 4} rowCount={conflicts.length + 1} aria-label="Conflicts">
          <Thead>
            <Tr>
              {['Thread', 'Sitter 1', 'Sitter 2', 'Overlap period', ...(canManage ? ['Resolve'] : [])].map((h) => (
                <Th key={h}>
                  <Typography variant="sigma">{h}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {conflicts.map((c) => {
              const [a, b] = c.windows;
              return (
                <Tr key={`${a.id}:${b.id}`} aria-label={`Conflict on ${a.client.name}'s thread`}>
                  <Td>
                    <Link href={threadLink(c.conversationId)}>{a.client.name}</Link>
                  </Td>
                  <Td>{windowCell(a)}</Td>
                  <Td>{windowCell(b)}</Td>
                  <Td>
                    <Typography>
                      {formatLocal(c.overlap.startsAt, zone)} – {formatLocal(c.overlap.endsAt, zone)}
                    </Typography>
                  </Td>
                  {canManage && (
                    <Td>
                      <Flex direction="column" alignItems="stretch" gap={1}>
                        {[a, b].map((keep) =>
                          (['keep', 'trim', 'split'] as const).map((action) => (
                            <Button
                              key={`${keep.id}-${action}`}
                              size="S"
                              variant={action === 'keep' ? 'secondary' : 'tertiary'}
                              onClick={() => setResolving({ conflict: c, keep, action })}
                              aria-label={`${ACTION_LABEL[action]}: keep ${keep.sitter.displayName}'s window`}
                            >
                              {ACTION_LABEL[action]} ({keep.sitter.displayName})
                            </Button>
                          )),
                        )}
                      </Flex>
                    </Td>
                  )}
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {resolving && (
        <PreviewDialog
          title={`Resolve conflict: ${resolving.keep.client.name}`}
          confirmLabel={ACTION_LABEL[resolving.action]}
          preview={async () => (await post<{ data: PreviewAnswer }>('/assignments/conflicts/resolve?preview=true', body(resolving))).data.data.impact}
          write={async () => {
            // The person confirmed after reading the preview (which says whose access ends now), so the write confirms.
            const { data } = await post<{ data: ConflictResolution }>('/assignments/conflicts/resolve?confirm=true', body(resolving));
            return data.data.confirmation;
          }}
          onClose={() => setResolving(null)}
          onDone={(sentence) => {
            setResolving(null);
            onResolved(sentence);
            load();
          }}
        />
      )}
    </Flex>
  );
};
