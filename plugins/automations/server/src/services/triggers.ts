import type { Core } from '@strapi/strapi';
import { onDomainEvent } from '@switchboard/kit';
import { TRIGGER_EVENTS } from '../constants';
import { getService } from '../get-service';

/**
 * The triggers that arrive as domain events of the plugins below (assignments' `booking_created` and
 * `booking_status_changed`, messaging's `message_received`), heard on the node that did the work after its commit.
 * Each becomes one queued run per active automation, keyed so a repeat changes nothing. Window triggers come from
 * the runner's minute sweep (they may fire before or after a window's edge).
 */
const triggers = ({ strapi }: { strapi: Core.Strapi }) => {
  const unsubscribe: Array<() => void> = [];
  const runner = () => getService(strapi, 'runner');
  return {
    start(): void {
      unsubscribe.push(
        onDomainEvent(strapi, TRIGGER_EVENTS.bookingCreated, (event) => {
          runner().heard({ type: 'booking.created', subject: event.subject, at: event.at, data: event.data }, `booking:${event.subject.id}:created`);
        }),
        onDomainEvent(strapi, TRIGGER_EVENTS.bookingStatusChanged, (event) => {
          runner().heard({ type: 'booking.status_changed', subject: event.subject, at: event.at, data: event.data }, `booking:${event.subject.id}:status:${event.data.status}:${event.at}`);
        }),
        onDomainEvent(strapi, TRIGGER_EVENTS.messageReceived, (event) => {
          runner().heard({ type: 'message.received', subject: event.subject, at: event.at, data: event.data }, `message:${event.subject.id}`);
        }),
      );
    },
    stop(): void {
      for (const off of unsubscribe.splice(0)) off();
    },
  };
};

export type TriggersService = ReturnType<typeof triggers>;
export default triggers;
