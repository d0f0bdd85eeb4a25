import type { ReactNode } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

/** The one way this plugin's pages show a refusal or failure: the server's sentence, and an action if there is one. */
export const Problem = ({ message, action }: { message: string; action?: ReactNode }) => (
  <Box background="danger100" padding={3} hasRadius role="alert">
    <Flex justifyContent="space-between" gap={2}>
      <Typography textColor="danger700">{message}</Typography>
      {action}
    </Flex>
  </Box>
);
