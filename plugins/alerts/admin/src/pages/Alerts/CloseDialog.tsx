import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Typography } from '@strapi/design-system';
import { ConfirmDialog, NoteField } from '@switchboard/kit/admin';
import type { Alert } from '../../../../shared/contracts';

const WORDS = {
  resolve: { title: 'Resolve alert', question: 'Mark alert as resolved?', button: 'Resolve' },
  dismiss: { title: 'Dismiss alert', question: 'Dismiss alert? It will be archived.', button: 'Dismiss' },
} as const;

/** OPS §3.7 actions 2 and 3: the spec's confirmation, an optional note for the audit log, then the change. */
export const CloseDialog = ({ alert, how, onClose, onDone }: { alert: Alert; how: 'resolve' | 'dismiss'; onClose(): void; onDone(): void }) => {
  const { post } = useFetchClient();
  const [note, setNote] = useState('');
  const words = WORDS[how];
  const confirm = async () => {
    await post(`/alerts/${encodeURIComponent(alert.id)}/${how}`, note.trim() ? { note: note.trim() } : {});
    onDone();
  };
  return (
    <ConfirmDialog title={words.title} question={words.question} confirmLabel={words.button} danger={how === 'dismiss'} onConfirm={confirm} onClose={onClose}>
      <Typography fontWeight="bold">{alert.title}</Typography>
      <NoteField value={note} onChange={setNote} hint="Optional: what was done, for the audit log." maxLength={1000} />
    </ConfirmDialog>
  );
};
