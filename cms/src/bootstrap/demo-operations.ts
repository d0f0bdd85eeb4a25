import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import type { ClientsService, OrganisationService } from '@switchboard/people';

/** API.md "Demo organisation, operations side": the organisation settings. */
export const DEMO_ORGANISATION = { name: 'Acme Pets', timeZone: 'America/Los_Angeles' };

/** API.md "Clients". */
export const DEMO_CLIENTS = [
  { firstName: 'Casey', lastName: 'Morgan', phone: '+14155550161', notes: 'Two cats, Miso and Tofu.' },
  { firstName: 'Jordan', lastName: 'Lee', phone: '+14155550162', notes: 'Beagle, Biscuit.' },
  { firstName: 'Riley', lastName: 'Chen', phone: '+14155550163', notes: 'Terrier, Pepper.' },
  { firstName: 'Priya', lastName: 'Patel', phone: '+14155550164', notes: 'Asked about overnight stays.' },
  { firstName: 'Avery', lastName: 'Stone', phone: '+14155550197', notes: 'Meet and greet pending.' },
];

type LocalTimes = (today: DateTime) => { startsAt: DateTime; endsAt: DateTime };

/** API.md "Bookings", in this order so the least-recently-used pool picks are fixed. Times are local to the organisation. */
export const DEMO_BOOKINGS: Array<{ client: string; kind: 'one_time' | 'weekly'; sitter: string; status: 'confirmed' | 'completed'; when: LocalTimes; recurrence?: (today: DateTime) => object }> = [
  {
    client: '+14155550163',
    kind: 'one_time',
    sitter: 'sitter2@demo.test',
    status: 'completed',
    when: (today) => ({ startsAt: today.minus({ days: 1 }).set({ hour: 9 }), endsAt: today.minus({ days: 1 }).set({ hour: 11 }) }),
  },
  {
    client: '+14155550161',
    kind: 'weekly',
    sitter: 'sitter@demo.test',
    status: 'confirmed',
    when: (today) => ({ startsAt: today, endsAt: today.plus({ days: 91 }) }),
    recurrence: (today) => ({ daysOfWeek: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], startTime: '00:00', endTime: '24:00', until: today.plus({ days: 90 }).toISODate() }),
  },
  {
    client: '+14155550162',
    kind: 'one_time',
    sitter: 'sitter2@demo.test',
    status: 'confirmed',
    when: (today) => ({ startsAt: today.plus({ days: 1 }).set({ hour: 10 }), endsAt: today.plus({ days: 1 }).set({ hour: 12 }) }),
  },
];

const BOOKING_UID = 'plugin::assignments.booking' as any;

/**
 * The operations side of the demo: organisation, clients and bookings, through the same services as the API so
 * their threads and audit events are real. Every step looks before it writes. `now` is the seed's time T.
 */
export async function seedDemoOperations(strapi: Core.Strapi, sitterIds: Record<string, number>, now: Date = new Date()): Promise<void> {
  const people = strapi.plugin('people');
  await (people.service('organisation') as OrganisationService).save(DEMO_ORGANISATION);

  const clients = people.service('clients') as ClientsService;
  const clientIds: Record<string, string> = {};
  for (const c of DEMO_CLIENTS) clientIds[c.phone] = ((await clients.byPhone(c.phone)) ?? (await clients.create(c))).id;

  if ((await strapi.db.query(BOOKING_UID).count({})) > 0) return;
  const today = DateTime.fromJSDate(now, { zone: DEMO_ORGANISATION.timeZone }).startOf('day');
  for (const b of DEMO_BOOKINGS) {
    const { startsAt, endsAt } = b.when(today);
    await strapi.documents(BOOKING_UID).create({
      data: {
        kind: b.kind,
        client: clientIds[b.client],
        sitterId: sitterIds[b.sitter],
        startsAt: startsAt.toUTC().toISO(),
        endsAt: endsAt.toUTC().toISO(),
        timeZone: DEMO_ORGANISATION.timeZone,
        status: b.status,
        ...(b.recurrence ? { recurrence: b.recurrence(today) } : {}),
      },
    });
  }
}
