import { Box, Flex, Typography } from '@strapi/design-system';
import { HomeWidget, WidgetLink } from '@switchboard/kit/admin';
import { unreadLines, type UnreadSummary } from './model';

/** The admin home's unread conversations by kind (issue 23), with the way to the inbox. */
export const UnreadWidget = () => (
  <HomeWidget<{ data: UnreadSummary }> path="/messaging/unread">
    {({ data }) => {
      const lines = unreadLines(data);
      return (
        <Flex direction="column" alignItems="flex-start" gap={2}>
          <Typography variant="delta" tag="p">
            {data.total === 0 ? 'All caught up' : `${data.total} unread message${data.total === 1 ? '' : 's'}`}
          </Typography>
          {lines.length > 0 && (
            <Box tag="ul" aria-label="Unread by kind">
              {lines.map((l) => (
                <Box tag="li" key={l.kind} paddingBottom={1}>
                  <Typography>
                    <Typography fontWeight="bold">{l.label}</Typography>: {l.text}
                  </Typography>
                </Box>
              ))}
            </Box>
          )}
          <WidgetLink to="/plugins/messaging">Open the inbox</WidgetLink>
        </Flex>
      );
    }}
  </HomeWidget>
);
