import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Link, Modal, TextInput, Typography } from '@strapi/design-system';
import { DateTime } from 'luxon';
import type { AssignmentWindow, PreviewAnswer } from '../../../../shared/contracts';
import { PreviewDialog } from '@switchboard/kit/admin';
import { useNavigate } from 'react-router-dom';
import { STATUS_LABEL, TYPE_LABEL, formatLocal, localInput, overrideWindowPath, threadLink } from './model';

export const UPDATE_QUESTION = 'Update assignment window? This may affect message routing.';
export const DELETE_QUESTION = 'Delete assignment window? Messages will route to owner inbox during this period.';

type Change = { kind: 'update'; startsAt: string; endsAt: string } | { kind: 'delete' };

/** The writes of one window, each previewed first: PUT (times) and DELETE (`?confirm=true` when it is active). */
export const WindowChange = ({ window: w, change, onClose, onDone }: { window: AssignmentWindow; change: Change; onClose: () => void; onDone: (sentence: string) => void }) => {
  const { put, del } = useFetchClient();
  if (change.kind === 'update') {
    const body = { startsAt: change.startsAt, endsAt: change.endsAt };
    return (
      <PreviewDialog
        title={`Update window: ${w.sitter.displayName} with ${w.client.name}`}
        question={UPDATE_QUESTION}
        confirmLabel="Update window"
        preview={async () => (await put<{ data: PreviewAnswer }>(`/assignments/windows/${w.id}?preview=true`, body)).data.data.impact}
        write={async () => {
          const { data } = await put<{ data: AssignmentWindow }>(`/assignments/windows/${w.id}`, body);
          return `Window updated: ${data.data.sitter.displayName} with ${data.data.client.name} from ${formatLocal(data.data.startsAt, data.data.timeZone)} to ${formatLocal(data.data.endsAt, data.data.timeZone)}.`;
        }}
        onClose={onClose}
        onDone={onDone}
      />
    );
  }
  return (
    <PreviewDialog
      title={`Delete window: ${w.sitter.displayName} with ${w.client.name}`}
      question={DELETE_QUESTION}
      confirmLabel="Delete window"
      danger
      preview={async () => (await del<{ data: PreviewAnswer }>(`/assignments/windows/${w.id}?preview=true`)).data.data.impact}
      write={async () => {
        await del(`/assignments/windows/${w.id}${w.status === 'active' ? '?confirm=true' : ''}`);
        return `Window deleted: ${w.sitter.displayName} with ${w.client.name}.`;
      }}
      onClose={onClose}
      onDone={onDone}
    />
  );
};

/** A window's details (client and thread, sitter, local times, status, booking), with Edit and Delete for a manager. */
export const WindowDetails = ({
  window: w,
  zone,
  canManage,
  canOverride = false,
  startEditing,
  onClose,
  onChange,
}: {
  window: AssignmentWindow;
  zone: string;
  canManage: boolean;
  /** An Owner: "Override window rules" opens the Routing page's override for this thread and sitter. */
  canOverride?: boolean;
  startEditing?: boolean;
  onClose: () => void;
  onChange: (change: Change) => void;
}) => {
  const navigate = useNavigate();
  const [editing, setEditing] = useState(Boolean(startEditing));
  const [startsAt, setStartsAt] = useState(localInput(w.startsAt, zone));
  const [endsAt, setEndsAt] = useState(localInput(w.endsAt, zone));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const start = DateTime.fromISO(startsAt, { zone });
    const end = DateTime.fromISO(endsAt, { zone });
    if (!start.isValid || !end.isValid) return setProblem('Start and end must be a date and a time.');
    if (end <= start) return setProblem('End time must be after start time.');
    onChange({ kind: 'update', startsAt: start.toUTC().toISO()!, endsAt: end.toUTC().toISO()! });
  };

  const row = (label: string, value: React.ReactNode) => (
    <Flex gap={2} alignItems="baseline">
      <Box style={{ width: 110 }}>
        <Typography variant="sigma" textColor="neutral600">
          {label}
        </Typography>
      </Box>
      <Typography tag="div">{value}</Typography>
    </Flex>
  );

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>
              Window: {w.sitter.displayName} with {w.client.name}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={3}>
              {row(
                'Client',
                <>
                  {w.client.name} · <Link href={threadLink(w.conversationId)}>Open thread in inbox</Link>
                </>,
              )}
              {row('Sitter', w.sitter.displayName)}
              {row('Type', TYPE_LABEL[w.type])}
              {row('Status', STATUS_LABEL[w.status])}
              {!editing && row('Start', formatLocal(w.startsAt, zone))}
              {!editing && row('End', formatLocal(w.endsAt, zone))}
              {row('Booking', w.bookingId ?? 'None (a window written by hand)')}
              {editing && (
                <>
                  <Field.Root name="startsAt" id="window-starts-at" hint={`In ${zone}.`}>
                    <Field.Label>Start</Field.Label>
                    <TextInput type="datetime-local" value={startsAt} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setStartsAt(e.target.value)} />
                    <Field.Hint />
                  </Field.Root>
                  <Field.Root name="endsAt" id="window-ends-at" error={problem ?? undefined}>
                    <Field.Label>End</Field.Label>
                    <TextInput type="datetime-local" value={endsAt} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEndsAt(e.target.value)} />
                    <Field.Error />
                  </Field.Root>
                </>
              )}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">Close</Button>
            </Modal.Close>
            {canManage && (
              <Flex gap={2}>
                {canOverride && w.status !== 'past' && (
                  <Button type="button" variant="tertiary" onClick={() => navigate(overrideWindowPath(w))}>
                    Override window rules
                  </Button>
                )}
                <Button type="button" variant="danger-light" onClick={() => onChange({ kind: 'delete' })}>
                  Delete
                </Button>
                {/* Distinct keys: reusing one element would turn it into a submit button during the click on Edit,
                    and the browser would then submit the form unchanged. */}
                {editing ? (
                  <Button key="review" type="submit">
                    Review change
                  </Button>
                ) : (
                  <Button key="edit" type="button" variant="secondary" onClick={() => setEditing(true)}>
                    Edit
                  </Button>
                )}
              </Flex>
            )}
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
