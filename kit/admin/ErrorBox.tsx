import type { ReactNode } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

/** The one way an admin page shows a refusal or a failure: the sentence, and an action (Retry) when there is one. */
export const ErrorBox = ({ message, action }: { message: string; action?: ReactNode }) => (
  <Box background="danger100" padding={3} hasRadius role="alert">
    <Flex justifyContent="space-between" gap={2}>
      <Typography textColor="danger700">{message}</Typography>
      {action}
    </Flex>
  </Box>
);
