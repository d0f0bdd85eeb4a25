import { useFetchClient } from '@strapi/strapi/admin';
import { ConfirmDialog } from '@switchboard/kit/admin';
import type { Automation } from '../../../../shared/contracts';

/**
 * OPS §3.6 action 3 "Enable/Disable [automation name]?" and action 7 "Delete [automation name]? This cannot be
 * undone." (delete archives). The server's refusal (test first) is shown as its sentence.
 */
export const ToggleDialog = ({ automation, archive, onClose, onDone }: { automation: Automation; archive?: boolean; onClose(): void; onDone(updated: Automation): void }) => {
  const { post, del } = useFetchClient();
  const enabling = automation.status !== 'active';
  const question = archive ? `Delete ${automation.name}? This cannot be undone.` : `${enabling ? 'Enable' : 'Disable'} ${automation.name}?`;
  const label = archive ? 'Delete' : enabling ? 'Enable' : 'Disable';
  const confirm = async () => {
    const id = encodeURIComponent(automation.id);
    const { data } = archive ? await del<{ data: Automation }>(`/automations/${id}`) : await post<{ data: Automation }>(`/automations/${id}/${enabling ? 'activate' : 'pause'}`, {});
    onDone(data.data);
  };
  return <ConfirmDialog title={`${label} automation`} question={question} confirmLabel={label} danger={archive} onConfirm={confirm} onClose={onClose} />;
};
