import { useCallback, useRef, useState } from 'react';
import styled from 'styled-components';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import interactionPlugin from '@fullcalendar/interaction';
import luxonPlugin from '@fullcalendar/luxon3';
import type { DatesSetArg, EventClickArg, EventDropArg } from '@fullcalendar/core';
import type { EventResizeDoneArg } from '@fullcalendar/interaction';
import type { AssignmentWindow } from '../../../../shared/contracts';
import { STATUS_COLOUR, STATUS_LABEL, eventTitle, rangeQuery } from './model';

/**
 * FullCalendar's own styles, adjusted for the admin panel: other months' day numbers at full contrast (its default
 * fades them below 4.5:1) and its buttons in the design system's colours.
 */
const Frame = styled.div`
  .fc .fc-day-other .fc-daygrid-day-top {
    opacity: 1;
  }
  .fc .fc-day-other .fc-daygrid-day-number {
    color: #666687;
  }
  .fc .fc-button-primary {
    background: #4945ff;
    border-color: #4945ff;
  }
  .fc .fc-button-primary:not(:disabled).fc-button-active,
  .fc .fc-button-primary:not(:disabled):active {
    background: #271fe0;
    border-color: #271fe0;
  }
  .fc .fc-daygrid-day-number,
  .fc .fc-col-header-cell-cushion {
    color: #32324d;
  }
  .fc-event {
    cursor: pointer;
  }
`;

export interface CalendarMove {
  window: AssignmentWindow;
  startsAt: string;
  endsAt: string;
  revert: () => void;
}

/**
 * Month and week calendar of the windows in the organisation's zone (OPS §3.3 colours, the status also in words).
 * Each visible range is asked of the server; a manager drags or resizes a window, which is previewed before it is written.
 */
export const CalendarView = ({ zone, canManage, version, onOpen, onMove }: { zone: string; canManage: boolean; version: number; onOpen: (w: AssignmentWindow) => void; onMove: (move: CalendarMove) => void }) => {
  const { get } = useFetchClient();
  const [windows, setWindows] = useState<AssignmentWindow[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const range = useRef<{ start: Date; end: Date } | null>(null);
  const latest = useRef(0);

  const load = useCallback(async () => {
    if (!range.current) return;
    const request = ++latest.current;
    setProblem(null);
    try {
      const { data } = await get<{ data: AssignmentWindow[] }>(`/assignments/windows?${rangeQuery(range.current)}`);
      if (request === latest.current) setWindows(data.data);
    } catch (error) {
      if (request === latest.current) setProblem(errorSentence(error, 'The windows could not be loaded. Check your connection and retry.'));
    }
  }, [get]);

  // Reload after a write elsewhere on the page (the version changes).
  const seen = useRef(version);
  if (seen.current !== version) {
    seen.current = version;
    void load();
  }

  const byId = new Map(windows.map((w) => [w.id, w]));
  const moved = (arg: EventDropArg | EventResizeDoneArg) => {
    const w = byId.get(arg.event.id);
    if (!w || !arg.event.start || !arg.event.end) return arg.revert();
    onMove({ window: w, startsAt: arg.event.start.toISOString(), endsAt: arg.event.end.toISOString(), revert: arg.revert });
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={3} wrap="wrap" aria-label="Colour key">
        {(['active', 'future', 'past', 'overlapping'] as const).map((status) => (
          <Flex key={status} gap={1} alignItems="center">
            <span aria-hidden style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 3, background: STATUS_COLOUR[status].background, border: `2px solid ${STATUS_COLOUR[status].border}` }} />
            <Typography variant="pi">{STATUS_LABEL[status]}</Typography>
          </Flex>
        ))}
        <Typography variant="pi" textColor="neutral600">
          Times in {zone}.
        </Typography>
      </Flex>
      {problem && (
        <ErrorBox
          message={problem}
          action={
            <Button variant="tertiary" onClick={load}>
              Retry
            </Button>
          }
        />
      )}
      <Box background="neutral0" padding={3} hasRadius shadow="tableShadow">
        <Frame>
        <FullCalendar
          plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin, luxonPlugin]}
          initialView="dayGridMonth"
          timeZone={zone}
          headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek' }}
          // Words, not FullCalendar's icon font (its icons are unnamed role="img" spans).
          buttonIcons={false}
          buttonText={{ prev: 'Previous', next: 'Next', today: 'Today', month: 'Month', week: 'Week' }}
          height="auto"
          dayMaxEvents={4}
          editable={canManage}
          eventDurationEditable={canManage}
          displayEventEnd
          eventDisplay="block"
          events={windows.map((w) => ({
            id: w.id,
            title: eventTitle(w),
            start: w.startsAt,
            end: w.endsAt,
            backgroundColor: STATUS_COLOUR[w.status].background,
            borderColor: STATUS_COLOUR[w.status].border,
            textColor: STATUS_COLOUR[w.status].text,
            classNames: [`window-${w.status}`],
            extendedProps: { status: w.status },
          }))}
          eventDidMount={(info) => {
            info.el.setAttribute('aria-label', info.event.title);
            info.el.setAttribute('data-status', String(info.event.extendedProps.status));
          }}
          // Day cells are named by their day number although they hold the events' text (axe: label-content-name-mismatch).
          dayCellDidMount={(info) => info.el.removeAttribute('aria-labelledby')}
          datesSet={(arg: DatesSetArg) => {
            range.current = { start: arg.start, end: arg.end };
            void load();
          }}
          eventClick={(arg: EventClickArg) => {
            arg.jsEvent.preventDefault();
            const w = byId.get(arg.event.id);
            if (w) onOpen(w);
          }}
          eventDrop={moved}
          eventResize={moved}
        />
        </Frame>
      </Box>
    </Flex>
  );
};
