import { useEffect, useState } from 'react';
import { useFetchClient, Widget } from '@strapi/strapi/admin';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { HomeWidget, WidgetLink } from '@switchboard/kit/admin';
import type { AssignmentWindow } from '../../../shared/contracts';
import { STATUS_LABEL } from '../pages/Assignments/model';
import { todayQuery, windowLine } from './model';

const SHOWN = 6;

/** The admin home's assignment windows of today (issue 23), in the organisation's time zone. */
export const WindowsWidget = () => {
  const { get } = useFetchClient();
  const [zone, setZone] = useState<string | null>(null);
  // Times read in the organisation's zone (people's settings); the browser's zone if it cannot be read.
  useEffect(() => {
    get<{ data: { timeZone: string } }>('/people/organisation')
      .then(({ data }) => setZone(data.data.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone))
      .catch(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone));
  }, [get]);
  if (!zone) return <Widget.Loading />;
  return (
    <HomeWidget<{ data: AssignmentWindow[]; meta: { pagination: { total: number } } }> path={`/assignments/windows?${todayQuery(zone)}`}>
      {({ data, meta }) => (
        <Flex direction="column" alignItems="flex-start" gap={2}>
          <Typography variant="delta" tag="p">
            {meta.pagination.total === 0 ? 'No windows today' : `${meta.pagination.total} window${meta.pagination.total === 1 ? '' : 's'} today`}
          </Typography>
          {data.length > 0 && (
            <Box tag="ul" aria-label="Today's windows">
              {data.slice(0, SHOWN).map((w) => (
                <Box tag="li" key={w.id} paddingBottom={1}>
                  <Flex gap={2}>
                    <Typography>{windowLine(w, zone)}</Typography>
                    <Badge>{STATUS_LABEL[w.status]}</Badge>
                  </Flex>
                </Box>
              ))}
            </Box>
          )}
          {meta.pagination.total > SHOWN && <Typography textColor="neutral600">and {meta.pagination.total - SHOWN} more</Typography>}
          <WidgetLink to="/plugins/assignments">Open Assignments</WidgetLink>
        </Flex>
      )}
    </HomeWidget>
  );
};
