import { useState } from 'react';
import { Box, Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import type { AccountCreated } from '../../../../shared/contracts';

const ROLE_WORD = { business: 'business', va: 'VA', sitter: 'sitter' } as const;

/** The one time the one-time password is shown: closing this dialog forgets it (the server keeps only its hash). */
export const AccountCreatedDialog = ({
  account,
  displayName,
  onClose,
  onShowSitters,
}: {
  account: AccountCreated;
  displayName: string;
  onClose: () => void;
  onShowSitters?: () => void;
}) => {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const invitation = account.invitation;
  const secret = 'oneTimePassword' in invitation ? invitation.oneTimePassword : invitation.link;
  const isPassword = 'oneTimePassword' in invitation;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>Account created</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>
              {displayName} ({account.user.email}) now has a {ROLE_WORD[account.user.role]} account.
            </Typography>
            {isPassword ? (
              <Typography fontWeight="bold">
                Give {displayName} this one-time password now: it will not be shown again. They sign in with their e-mail and this password.
              </Typography>
            ) : (
              <Typography fontWeight="bold">An invitation was sent to {account.user.email}. You can also give them this link to set their password.</Typography>
            )}
            <Flex gap={2} alignItems="flex-end">
              <Field.Root name="secret" id="account-secret" style={{ flex: 1 }}>
                <Field.Label>{isPassword ? 'One-time password' : 'Invitation link'}</Field.Label>
                <TextInput name="secret" value={secret} readOnly onFocus={(e: React.FocusEvent<HTMLInputElement>) => e.target.select()} />
              </Field.Root>
              <Button variant="secondary" onClick={copy}>
                {isPassword ? 'Copy password' : 'Copy link'}
              </Button>
            </Flex>
            <Box aria-live="polite">
              {copied === 'copied' && <Typography textColor="success700">Copied.</Typography>}
              {copied === 'failed' && <Typography textColor="danger700">The browser did not allow copying. Select the text above and copy it yourself.</Typography>}
            </Box>
            {account.user.role === 'sitter' && <Typography textColor="neutral600">{displayName} is listed in Sitters as Inactive until you activate them.</Typography>}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          {onShowSitters ? (
            <Button variant="tertiary" onClick={onShowSitters}>
              Go to Sitters
            </Button>
          ) : (
            <span />
          )}
          <Button onClick={onClose}>Done</Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
