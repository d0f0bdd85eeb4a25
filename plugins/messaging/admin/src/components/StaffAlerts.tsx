import { createRoot } from 'react-dom/client';
import { Box, Button, DesignSystemProvider, Flex, Typography, lightTheme } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useStaffAlerts } from './UnreadMenuIcon';
import { staffAlerts, type ClientTextToast } from './staff-alerts';
import { threadPath } from './unread-title';

/** The admin panel's base path (…/admin), whatever page is open. */
function adminBase(): string {
  const match = /^(.*?\/admin)(?:\/|$)/.exec(window.location.pathname);
  return match ? match[1] : '/admin';
}

/**
 * Opens a thread inside the running admin panel: its router follows history changes, so this is a page change, not
 * a reload (the toasts live outside the panel's React tree and its router).
 */
function openInPanel(path: string): void {
  const idx = typeof window.history.state?.idx === 'number' ? window.history.state.idx + 1 : 0;
  window.history.pushState({ usr: null, key: Math.random().toString(36).slice(2, 10), idx }, '', path);
  window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
}

const Toast = ({ toast }: { toast: ClientTextToast }) => {
  const path = threadPath(adminBase(), toast.conversationId);
  return (
    <Box data-testid="client-text-toast" background="neutral0" shadow="popupShadow" hasRadius padding={4} borderColor="primary200" style={{ width: 'min(36rem, calc(100vw - 3.2rem))' }}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={2}>
        <Flex direction="column" alignItems="flex-start" gap={1} style={{ minWidth: 0 }}>
          <Typography variant="omega" fontWeight="bold" textColor="neutral800">
            New text from {toast.from}
          </Typography>
          <Typography variant="omega" textColor="neutral700" ellipsis style={{ maxWidth: '100%' }}>
            {toast.text}
          </Typography>
          <a
            href={path}
            style={{ color: lightTheme.colors.primary700, fontWeight: 600, textDecoration: 'underline' }}
            onClick={(event) => {
              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
              event.preventDefault();
              staffAlerts.dismiss(toast.id);
              openInPanel(path);
            }}
          >
            Open the thread
          </a>
        </Flex>
        <Button variant="ghost" size="S" onClick={() => staffAlerts.dismiss(toast.id)} aria-label={`Dismiss the text from ${toast.from}`}>
          <Cross aria-hidden />
        </Button>
      </Flex>
    </Box>
  );
};

/** New client texts, bottom right, above every page; announced politely to screen readers. */
const StaffAlerts = () => {
  const { toasts } = useStaffAlerts();
  return (
    <div role="status" aria-live="polite" aria-label="New client texts" style={{ position: 'fixed', right: 16, bottom: 16, zIndex: 1000, display: 'flex', flexDirection: 'column', gap: 8 }}>
      {toasts.map((t) => (
        <Toast key={t.id} toast={t} />
      ))}
    </div>
  );
};

let mounted = false;

/** Mounts the toasts once, in their own React root beside the admin panel's. */
export function mountStaffAlerts(): void {
  if (mounted || typeof document === 'undefined') return;
  mounted = true;
  const host = document.createElement('div');
  host.id = 'messaging-staff-alerts';
  document.body.appendChild(host);
  createRoot(host).render(
    <DesignSystemProvider locale="en" theme={lightTheme}>
      <StaffAlerts />
    </DesignSystemProvider>,
  );
}
