import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import type { ClientsService, OrganisationService } from '@switchboard/people';
import type { AutomationsService, RunnerService } from '@switchboard/automations';
import type { EscalationsService } from '@switchboard/alerts';

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

/** API.md "Automations" of the demo: seeded before the bookings, so the bookings fill the execution log. */
export const DEMO_AUTOMATIONS = [
  {
    definition: {
      name: 'Booking confirmation',
      description: 'Confirms a one-time visit to the client as soon as it is booked.',
      lane: 'front_desk' as const,
      trigger: { type: 'booking.created' as const },
      conditions: { op: 'and' as const, groups: [{ op: 'and' as const, conditions: [{ field: 'booking.kind', operator: 'eq' as const, value: 'one_time' }, { field: 'booking.status', operator: 'eq' as const, value: 'confirmed' }] }] },
      actions: [{ type: 'send_sms' as const, template: 'Hi {{client.firstName}}, your visit with {{business.name}} is confirmed for {{booking.startsAtLocal}}. Reply here with any questions.' }],
    },
    activate: true,
  },
  {
    definition: {
      name: 'Meet and greet follow-up',
      description: 'Invites the client to book a first visit after meeting their sitter.',
      lane: 'sitter' as const,
      trigger: { type: 'booking.status_changed' as const },
      conditions: { op: 'and' as const, groups: [{ op: 'and' as const, conditions: [{ field: 'booking.kind', operator: 'eq' as const, value: 'meet_and_greet' }, { field: 'booking.status', operator: 'eq' as const, value: 'completed' }] }] },
      actions: [{ type: 'send_sms' as const, template: 'Thanks for meeting {{sitter.firstName}}, {{client.firstName}}! Reply YES to book your first visit.' }],
    },
    activate: false,
  },
];

/** API.md "Settings": one escalation rule. */
export const DEMO_ESCALATION_RULE = { name: 'Critical alerts to owners', active: true, when: { severity: 'critical' as const, unresolvedMinutes: 15 }, target: { type: 'owners' as const } };

/** The demo's escalation rule, through the same service as the API (audited as the system's). */
export async function seedDemoAlerts(strapi: Core.Strapi): Promise<void> {
  const escalations = strapi.plugin('alerts').service('escalations') as EscalationsService;
  if ((await escalations.rules()).some((r) => r.name === DEMO_ESCALATION_RULE.name)) return;
  await escalations.createRule(DEMO_ESCALATION_RULE, null);
}

/** The demo's automations, through the same services as the API: created, and the first tested then activated. */
async function seedDemoAutomations(strapi: Core.Strapi): Promise<void> {
  const automations = strapi.plugin('automations').service('automations') as AutomationsService;
  const runner = strapi.plugin('automations').service('runner') as RunnerService;
  const existing = await automations.list({});
  for (const { definition, activate } of DEMO_AUTOMATIONS) {
    if (existing.some((a) => a.name === definition.name)) continue;
    const created = await automations.create(definition, null);
    if (!activate) continue;
    const test = await runner.test(created.id, {}, null);
    if (!test.ok) throw new Error(`the demo automation "${definition.name}" failed its test: ${test.errors.join(' ')}`);
    await automations.activate(created.id, null);
  }
}

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
  await seedDemoAlerts(strapi);
  await seedDemoAutomations(strapi);
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

/**
 * API.md "Messages" of the demo (1–5), through the same
 * paths as a real SMS and a real sitter send, so their routing decisions and the policy's verdict are real: Casey's
 * text routed to Sam by `sitter_window`, Sam's reply, Sam's phone number blocked (the demo's open violation), Priya's
 * enquiry to the owner inbox by `default_owner_inbox`, Olivia's confirmation to Avery that fails (the delivery failure). Run after the organisation's seed has committed (a send hands its SMS to the provider once its
 * own transaction commits); each step looks before it writes, by its fixed provider id or idempotency key.
 */
export const DEMO_MESSAGES = {
  caseyAsks: { providerMessageId: 'SBdemo0001caseyasks', from: '+14155550161', to: '+14155550120', body: 'Hi Sam! Miso has been hiding under the bed today, is that normal?' },
  samReplies: { idempotencyKey: '6f1c2b9e-5d7a-4c1e-9b3f-0a8e7d6c5b41', body: "Totally normal after a vet visit. I'll check on her at 3." },
  /** Message 3: blocked by the policy; it opens the demo's one violation. */
  samShares: { idempotencyKey: '0c3d8f5a-2b6e-4a9d-8c1f-7e5b4a3d2c19', body: 'Next time just text me on my own phone, 415 555 0188.' },
  priyaAsks: { providerMessageId: 'SBdemo0004priyaasks', from: '+14155550164', to: '+14155550100', body: 'Hi, do you do overnight stays for dogs?' },
  /** Message 5: Olivia's confirmation to Avery, whose phone cannot be reached (the sandbox's 30003): the delivery failure. */
  oliviaConfirms: { idempotencyKey: '3e9a7c51-8d24-4f6b-a0c3-5b1d9e2f7a68', clientPhone: '+14155550197', body: 'Hi Avery, confirming your meet and greet on Thursday at 5 PM.', attempts: 3, errorCode: 30003 },
} as const;

interface SandboxPhone {
  reply(input: { from: string; to?: string; body: string; providerMessageId?: string }, actor: 'system'): Promise<unknown>;
}
interface MessagingForSeed {
  appViewer(userId: number): Promise<unknown>;
  staffViewer(admin: { id: number; firstname?: string | null; lastname?: string | null; email?: string }): Promise<unknown>;
  send(viewer: unknown, conversationId: unknown, body: unknown): Promise<{ message: { id: string } }>;
  openForStaff(viewer: unknown, clientId: string): Promise<{ record: { id: number } }>;
  settleAsFailed(messageRef: string, attempts: number, errorCode: number): Promise<boolean>;
}

export async function seedDemoMessages(strapi: Core.Strapi, samUserId: number): Promise<void> {
  // The bookings' automation runs (queued when the organisation's seed committed) finish before the demo's messages,
  // so Jordan's confirmation comes first.
  await (strapi.plugin('automations').service('runner') as RunnerService).settled();
  const phone = strapi.plugin('provider').service('sandbox-phone') as SandboxPhone;
  const { caseyAsks, samReplies, samShares, priyaAsks, oliviaConfirms } = DEMO_MESSAGES;
  await phone.reply(caseyAsks, 'system');
  const casey = await strapi.db.connection('conversation').where({ kind: 'client', client_phone: caseyAsks.from, business_number: caseyAsks.to }).first('id');
  if (casey) {
    const messaging = { appViewer: (id: number) => (strapi.plugin('messaging').service('directory') as unknown as MessagingForSeed).appViewer(id), send: (v: unknown, c: unknown, b: unknown) => (strapi.plugin('messaging').service('messages') as unknown as MessagingForSeed).send(v, c, b) };
    const sam = await messaging.appViewer(samUserId);
    // A replay of the same idempotency key answers the original: a second start sends nothing.
    await messaging.send(sam, String(casey.id), { idempotencyKey: samReplies.idempotencyKey, routeType: 'SITTER_TO_CLIENT', bodyHtml: `<p>${samReplies.body}</p>` });
    await messaging.send(sam, String(casey.id), { idempotencyKey: samShares.idempotencyKey, routeType: 'SITTER_TO_CLIENT', bodyHtml: `<p>${samShares.body}</p>` });
  }
  await phone.reply(priyaAsks, 'system');

  // Message 5, through the staff send; its SMS is then settled as failed after three attempts (API.md: "written in its
  // final state"), which the provider tells messaging and compliance like any failure. A second start finds it settled.
  const service = <K extends keyof MessagingForSeed>(plugin: string, name: string) => strapi.plugin(plugin).service(name) as unknown as Pick<MessagingForSeed, K>;
  const olivia = await strapi.db.query('admin::user').findOne({ where: { email: 'owner@demo.test' } });
  const avery = await (strapi.plugin('people').service('clients') as ClientsService).byPhone(oliviaConfirms.clientPhone);
  if (!olivia || !avery) return;
  const viewer = await service<'staffViewer'>('messaging', 'directory').staffViewer(olivia);
  const { record } = await service<'openForStaff'>('messaging', 'client-threads').openForStaff(viewer, avery.id);
  const { message: sent } = await service<'send'>('messaging', 'messages').send(viewer, String(record.id), { idempotencyKey: oliviaConfirms.idempotencyKey, routeType: 'STAFF_TO_CLIENT', bodyHtml: `<p>${oliviaConfirms.body}</p>` });
  // Settled once: not again when it already is, nor after it went out on an owner's retry.
  const sms = await strapi.db.connection('outbound_message').where({ message_ref: sent.id }).first('status', 'attempts', 'dead_lettered');
  if (sms && !['sent', 'delivered'].includes(sms.status) && !(sms.dead_lettered && sms.attempts === oliviaConfirms.attempts)) {
    await service<'settleAsFailed'>('provider', 'outbound').settleAsFailed(sent.id, oliviaConfirms.attempts, oliviaConfirms.errorCode);
  }
}
