import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, Loader, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ErrorBox, Section, errorSentence, useAdminRights } from '@switchboard/kit/admin';
import { staffAlerts } from '@switchboard/messaging/staff-socket';
import type { Alert, AlertStatus } from '../../../../shared/contracts';
import { CloseDialog } from './CloseDialog';
import { SEVERITY_LABELS, groupBySeverity, relatedLinks, repeatText } from './model';
import { alertCounts } from '../../components/alert-counts';

const COLOURS = { critical: ['danger100', 'danger700'], warning: ['warning100', 'warning700'], info: ['primary100', 'primary700'] } as const;
const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** OPS §3.7 "Alerts Dashboard": critical, warning and info sections of alert cards, live, with Resolve and Dismiss. */
export const Board = () => {
  const { get } = useFetchClient();
  const { holds } = useAdminRights();
  const allowedActions = { canResolve: holds('plugin::alerts.resolve'), canDismiss: holds('plugin::alerts.dismiss') };
  const [status, setStatus] = useState<AlertStatus>('open');
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [acting, setActing] = useState<{ alert: Alert; how: 'resolve' | 'dismiss' } | null>(null);

  useEffect(() => {
    let current = true;
    get<{ data: Alert[] }>(`/alerts?status=${status}&pageSize=200`)
      .then(({ data }) => current && (setAlerts(data.data), setProblem(null)))
      .catch((error) => current && setProblem(errorSentence(error)));
    return () => {
      current = false;
    };
  }, [get, status, version]);

  // New and changed alerts arrive on the staff socket: the board reads them again.
  useEffect(() => {
    const again = () => setVersion((v) => v + 1);
    const offNew = staffAlerts.onStaffEvent('alert:new', again);
    const offUpdated = staffAlerts.onStaffEvent('alert:updated', again);
    return () => {
      offNew();
      offUpdated();
    };
  }, []);

  if (problem) return <ErrorBox message={problem} />;
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Box width="24rem">
        <Field.Root name="status">
          <Field.Label>Status</Field.Label>
          <SingleSelect value={status} onChange={(v: string | number) => setStatus(String(v) as AlertStatus)}>
            <SingleSelectOption value="open">Open</SingleSelectOption>
            <SingleSelectOption value="resolved">Resolved</SingleSelectOption>
            <SingleSelectOption value="dismissed">Dismissed (archived)</SingleSelectOption>
          </SingleSelect>
        </Field.Root>
      </Box>
      {alerts === null ? (
        <Loader>Loading alerts…</Loader>
      ) : alerts.length === 0 ? (
        <Typography textColor="neutral600">{status === 'open' ? 'No open alerts. Everything that needs attention shows up here.' : `No ${status} alerts.`}</Typography>
      ) : (
        groupBySeverity(alerts).map((group) => (
          <Section key={group.severity} title={`${SEVERITY_LABELS[group.severity]} (${group.alerts.length})`}>
            <ul aria-label={`${SEVERITY_LABELS[group.severity]} alerts`} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '1.2rem' }}>
              {group.alerts.map((alert) => (
                <li key={alert.id}>
                  <Box padding={4} hasRadius borderColor="neutral200" borderStyle="solid" borderWidth="1px">
                    <Flex direction="column" alignItems="stretch" gap={2}>
                      <Flex gap={2} wrap="wrap">
                        <Badge backgroundColor={COLOURS[alert.severity][0]} textColor={COLOURS[alert.severity][1]}>
                          {SEVERITY_LABELS[alert.severity]}
                        </Badge>
                        <Typography tag="h3" fontWeight="bold">
                          {alert.title}
                        </Typography>
                        {alert.causeCleared && <Badge>Cause cleared</Badge>}
                      </Flex>
                      <Typography>{alert.description}</Typography>
                      <Typography variant="pi" textColor="neutral600">
                        {[`Raised ${when(alert.createdAt)}`, repeatText(alert, when(alert.lastSeenAt)), alert.escalatedTo.length ? `Escalated: ${alert.escalatedTo.join(', ')}` : null, alert.resolvedBy ? `${alert.status === 'dismissed' ? 'Dismissed' : 'Resolved'} by ${alert.resolvedBy}${alert.note ? `: ${alert.note}` : ''}` : null].filter(Boolean).join(' · ')}
                      </Typography>
                      <Flex gap={3} wrap="wrap">
                        {relatedLinks(alert).map((link) => (
                          <Link key={link.href} to={link.href.replace(/^\/admin/, '')}>
                            {link.label}
                          </Link>
                        ))}
                        {alert.status === 'open' && allowedActions.canResolve && (
                          <Button size="S" variant="secondary" onClick={() => setActing({ alert, how: 'resolve' })}>
                            Resolve
                          </Button>
                        )}
                        {alert.status === 'open' && alert.severity !== 'critical' && allowedActions.canDismiss && (
                          <Button size="S" variant="tertiary" onClick={() => setActing({ alert, how: 'dismiss' })}>
                            Dismiss
                          </Button>
                        )}
                      </Flex>
                    </Flex>
                  </Box>
                </li>
              ))}
            </ul>
          </Section>
        ))
      )}
      {acting && (
        <CloseDialog
          alert={acting.alert}
          how={acting.how}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            setVersion((v) => v + 1);
            alertCounts.refresh();
          }}
        />
      )}
    </Flex>
  );
};
