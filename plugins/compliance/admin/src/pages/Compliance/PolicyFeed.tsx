import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Button, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ErrorBox, Section, displayNumber, errorSentence } from '@switchboard/kit/admin';
import { threadHref } from './model';

interface Violation {
  id: string;
  createdAt: string;
  status: string;
  actionTaken: string;
  redactedText: string;
  typeTitle?: string;
  types: string[];
  thread: { clientName: string; businessNumber: string | null };
  conversationId: string;
  sender: { displayName: string; role: string };
}

const STATUS_LABELS: Record<string, string> = { open: 'Open', resolved: 'Resolved', dismissed: 'Dismissed' };
const ACTION_LABELS: Record<string, string> = { blocked: 'Blocked', held: 'Held', overridden: 'Overridden' };
const TYPE_LABELS: Record<string, string> = { phone_number: 'Phone number', email: 'Email address', url: 'Link', social_handle: 'Social handle' };

/**
 * OPS §3.5 "Policy Violations Feed", issue 19 item 4: the policy plugin's open violations, read through its route; each
 * opens in the Policy violations page, where the review, its reasons and the export are.
 */
export const PolicyFeed = ({ zone }: { zone: string | null }) => {
  const { get } = useFetchClient();
  const [rows, setRows] = useState<Violation[] | null>(null);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    get<{ data: Violation[]; meta: { pagination: { total: number } } }>('/policy/violations?status=open&pageSize=50')
      .then(({ data }) => {
        if (!current) return;
        setRows(data.data);
        setTotal(data.meta.pagination.total);
      })
      .catch((error) => current && setProblem(errorSentence(error, 'The policy violations could not be loaded. Try again.')));
    return () => {
      current = false;
    };
  }, [get]);

  const at = (iso: string) => new Date(iso).toLocaleString('en-US', { ...(zone ? { timeZone: zone } : {}), month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return (
    <Section title="Policy violations" subtitle="Open violations, newest first. Review, resolve, dismiss and export them in Policy violations.">
      <Flex>
        <Button variant="secondary" tag="a" href="/admin/plugins/policy">
          Open Policy violations
        </Button>
      </Flex>
      {problem && <ErrorBox message={problem} />}
      {!problem && rows === null && <Loader small>Loading the policy violations…</Loader>}
      {!problem && rows !== null && rows.length === 0 && <Typography textColor="neutral600">No open policy violations.</Typography>}
      {!problem && rows !== null && rows.length > 0 && (
        <>
          <Table colCount={6} rowCount={rows.length + 1} aria-label="Open policy violations">
            <Thead>
              <Tr>
                {['Time', 'Thread and client', 'Type', 'Detected content (redacted)', 'Action taken', 'Review'].map((h) => (
                  <Th key={h}>
                    <Typography variant="sigma">{h}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((v) => (
                <Tr key={v.id}>
                  <Td>
                    <Typography>{at(v.createdAt)}</Typography>
                  </Td>
                  <Td>
                    <a href={threadHref(v.conversationId)}>
                      {v.thread.clientName}
                      {v.thread.businessNumber ? ` · ${displayNumber(v.thread.businessNumber)}` : ''}
                    </a>
                  </Td>
                  <Td>
                    <Typography>{v.types.map((t) => TYPE_LABELS[t] ?? t).join(', ')}</Typography>
                  </Td>
                  <Td style={{ whiteSpace: 'normal', maxWidth: '24rem' }}>
                    <Typography>{v.redactedText}</Typography>
                  </Td>
                  <Td>
                    <Badge>{ACTION_LABELS[v.actionTaken] ?? v.actionTaken}</Badge>
                  </Td>
                  <Td>
                    <Button variant="tertiary" size="S" tag="a" href={`/admin/plugins/policy?violationId=${encodeURIComponent(v.id)}`} aria-label={`Review violation ${v.id} from ${v.sender.displayName}`}>
                      {STATUS_LABELS[v.status] === 'Open' ? 'Review' : 'View'}
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          <Typography textColor="neutral600">{total === 1 ? '1 open violation' : `${total} open violations`}</Typography>
        </>
      )}
    </Section>
  );
};
