import { Box, Flex, Typography } from '@strapi/design-system';

/** One titled block of an operations page (the Routing page, Policy violations…): a card with a heading, a line under it, and its content. */
export const Section = ({ title, subtitle, children }: { title: string; subtitle?: string; children: React.ReactNode }) => (
  <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography tag="h2" variant="delta">
          {title}
        </Typography>
        {subtitle && <Typography textColor="neutral600">{subtitle}</Typography>}
      </Flex>
      {children}
    </Flex>
  </Box>
);
