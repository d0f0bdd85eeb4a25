import type { Core } from '@strapi/strapi';
import type { Readable } from 'node:stream';
import { defaults } from '@switchboard/config';
import { csvStream, NotFoundError, ValidationError } from '@switchboard/kit';
import { staffActor, type AuditLogService, type AuditSearch, type AuditTimelineEvent, type ChainReport } from '@switchboard/audit';
import { OWNER_ROLE } from '@switchboard/messaging';
import { AUDIT_ACTIONS, SENTENCES } from '../constants';
import { actorSearch, chainHeadCsvRow, describeEvent, EVENT_TYPES, eventTypeOf, linksOf, timelineCsvRow, TIMELINE_CSV_HEADER, type EventLinks, type EventType } from '../domain/timeline';
import type { TimelineFilters, TimelineQuery } from '../domain/inputs';

/** One event of the timeline as the page shows it: API.md `AuditEvent` with its type, its sentence and its links. */
export interface TimelineEvent extends AuditTimelineEvent {
  type: EventType | 'other';
  description: string;
  links: EventLinks;
}

export interface Staff {
  id: number;
  displayName: string;
}

/**
 * The audit timeline (OPS §3.5, issue 19 items 1, 2 and 7): reads the audit plugin's log through its service, never its
 * table; asks numbers and messaging which threads a number carries.
 */
const timeline = ({ strapi }: { strapi: Core.Strapi }) => {
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;

  /** The Owners' actor ids now (`admin:<id>`), for the owner and admin actor filters. */
  async function ownerActorIds(): Promise<string[]> {
    const owners = (await strapi.db.query('admin::user').findMany({ where: { roles: { code: OWNER_ROLE.code } }, select: ['id'] })) as Array<{ id: number }>;
    return owners.map((o) => `admin:${o.id}`);
  }

  /** The filters as an audit search: a number means its threads, its own events and any naming it. */
  async function searchOf(filters: TimelineFilters): Promise<AuditSearch> {
    const search: AuditSearch = {};
    if (filters.type) search.actionPrefixes = EVENT_TYPES[filters.type as EventType];
    if (filters.actorRole) search.actor = actorSearch(filters.actorRole, filters.actorRole === 'owner' || filters.actorRole === 'admin' ? await ownerActorIds() : []);
    if (filters.conversationId) search.conversationId = filters.conversationId;
    if (filters.number) {
      const threads = (await strapi.plugin('messaging').service('number-threads').threadsOn([filters.number])) as Map<string, Array<{ conversationId: string }>>;
      const known = (await strapi.plugin('numbers').service('number-lookup').byE164([filters.number])) as Map<string, unknown>;
      if (!known.has(filters.number) && (threads.get(filters.number) ?? []).length === 0) throw new ValidationError(SENTENCES.unknownNumber);
      search.related = { conversationIds: (threads.get(filters.number) ?? []).map((t) => t.conversationId), entities: [], detailsE164: filters.number };
    }
    if (filters.from) search.from = filters.from;
    if (filters.to) search.to = filters.to;
    return search;
  }

  const shaped = (event: AuditTimelineEvent): TimelineEvent => ({ ...event, type: eventTypeOf(event.action), description: describeEvent(event), links: linksOf(event) });

  return {
    /**
     * GET /compliance/audit: newest first. `beforeId` pages without offsets (what "Load older" sends); `page` reads the
     * first pages by offset. `total` counts up to the export limit and says when there are more.
     */
    async list(query: TimelineQuery) {
      if (query.beforeId === undefined && query.page * query.pageSize > defaults.exportMaxRows) throw new ValidationError(SENTENCES.pageTooDeep);
      const search = await searchOf(query);
      const cap = defaults.exportMaxRows + 1;
      const [events, counted] = await Promise.all([
        query.beforeId !== undefined
          ? audit().search(search, { beforeId: query.beforeId, limit: query.pageSize })
          : audit().search(search, { limit: query.pageSize * query.page }).then((all) => all.slice((query.page - 1) * query.pageSize)),
        audit().countUpTo(search, cap),
      ]);
      const data = events.map(shaped);
      return {
        data,
        meta: {
          pagination: { page: query.beforeId !== undefined ? null : query.page, pageSize: query.pageSize, total: Math.min(counted, defaults.exportMaxRows), totalIsAtLeast: counted >= cap },
          nextBeforeId: data.length === query.pageSize ? data[data.length - 1].id : null,
          ...(counted === 0 ? { emptyMessage: SENTENCES.noEvents } : {}),
        },
      };
    },

    /** One event, shaped (the page's deep link). */
    async findOne(id: number): Promise<TimelineEvent> {
      const [event] = await audit().search({}, { beforeId: id + 1, limit: 1 });
      if (!event || Number(event.id) !== id) throw new NotFoundError('Audit event not found.');
      return shaped(event);
    },

    /**
     * GET /compliance/audit/export.csv: refused over the limit, and when nothing matches, with OPS §3.5's sentences;
     * else the export is audited, the chain sealed up to now, and the rows streamed, ending with the chain's head.
     */
    async exportCsv(filters: TimelineFilters, by: Staff): Promise<Readable> {
      const search = await searchOf(filters);
      const counted = await audit().countUpTo(search, defaults.exportMaxRows + 1);
      if (counted > defaults.exportMaxRows) throw new ValidationError(SENTENCES.exportTooLarge);
      if (counted === 0) throw new ValidationError(SENTENCES.noEvents);
      await audit().record({
        actor: staffActor(by),
        action: AUDIT_ACTIONS.exportTimeline,
        details: { filters: Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])), events: counted },
      });
      await audit().seal();
      const head = await audit().chainHead();
      async function* rows() {
        for await (const batch of audit().batches(search)) yield batch.map(timelineCsvRow);
        yield [chainHeadCsvRow(head)];
      }
      return csvStream(TIMELINE_CSV_HEADER, rows());
    },

    /** POST /compliance/audit/verify: seals what is waiting, walks the chain, audited with its answer. */
    async verifyChain(head: { seq: number; hash: string } | undefined, by: Staff): Promise<ChainReport> {
      await audit().seal();
      const report = await audit().verifyChain(head);
      await audit().record({
        actor: staffActor(by),
        action: AUDIT_ACTIONS.verifyChain,
        details: { intact: report.intact, checked: report.checked, ...(report.broken ? { brokenAt: report.broken.chainSeq, problem: report.broken.problem } : {}), ...(head ? { head } : {}) },
      });
      return report;
    },
  };
};

export type TimelineService = ReturnType<typeof timeline>;
export default timeline;
