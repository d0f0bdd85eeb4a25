import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import { ValidationError, publishDomainEvent } from '@switchboard/kit';
import type { AuditLogService } from '@switchboard/audit';
import { BOOKING_SENTENCES } from '../domain/booking-input';
import { WINDOW_SENTENCES, firstOverlap } from '../domain/window-plan';
import { AUDIT_ACTIONS, EVENTS, PLUGIN, WINDOW_UID } from '../constants';
import { getService } from '../get-service';
import { rangeOf, type WindowRow } from './windows';
import type { DocumentContext } from './booking-lifecycle';

const refuse = (path: string, message: string) => new ValidationError(message, { errors: [{ path, message }] });

/**
 * Windows written through the document service (the Content Manager, a REST integrator): an integrator's write is
 * never lost (DOMAIN.md "Overlaps"), so a window that overlaps another on its thread is stored `overlapping` (inert) with
 * a `window_conflict` event; its client is the thread's; its edges are scheduled after commit; each write is audited.
 * The operator routes and bookings write windows through the `windows` service instead (not through here).
 */
const windowDocuments = ({ strapi }: { strapi: Core.Strapi }) => {
  const windows = () => getService(strapi, 'windows');
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;

  return {
    async handle(context: DocumentContext, next: () => Promise<unknown>): Promise<unknown> {
      if (context.uid !== WINDOW_UID || !['create', 'update', 'delete'].includes(context.action)) return next();
      const { actor, via } = getService(strapi, 'booking-lifecycle').writer();
      return strapi.db.transaction(async ({ onCommit }) => {
        const now = systemClock.now();
        const documentId = context.params.documentId;
        const stored = documentId ? await windows().one(documentId) : null;
        if (context.action === 'delete') {
          const result = await next();
          if (stored) {
            const active = new Date(stored.startsAt) <= now && now < new Date(stored.endsAt) && !stored.overlapping;
            if (active) onCommit(() => void getService(strapi, 'transitions').endedNow([rangeOf(stored)]));
            await audit().record({ actor, action: AUDIT_ACTIONS.windowDelete, entity: { type: 'assignment_window', id: stored.documentId }, conversationId: String(stored.conversationId), details: { ...windows().plain(stored), via } });
          }
          return result;
        }
        if (context.action === 'update' && !stored) return next();
        const data = { ...(context.params.data ?? {}) } as Record<string, unknown>;
        const merged = { ...(stored ?? {}), ...data } as Record<string, any>;
        const startsAt = new Date(merged.startsAt);
        const endsAt = new Date(merged.endsAt);
        if (Number.isNaN(startsAt.getTime())) throw refuse('startsAt', BOOKING_SENTENCES.startsAt);
        if (Number.isNaN(endsAt.getTime())) throw refuse('endsAt', BOOKING_SENTENCES.endsAt);
        if (endsAt <= startsAt) throw refuse('endsAt', BOOKING_SENTENCES.endBeforeStart);
        const conversationId = String(merged.conversationId ?? '');
        const thread = /^\d{1,18}$/.test(conversationId)
          ? await (strapi.plugin('messaging').service('conversations') as { findRecord(id: number): Promise<{ kind: string; clientId?: string | null } | null> }).findRecord(Number(conversationId))
          : null;
        if (!thread || thread.kind !== 'client') throw refuse('conversationId', WINDOW_SENTENCES.threadNotFound);
        const sitter = (await (strapi.plugin('people').service('sitters') as { byUserId(): Promise<Map<number, { active: boolean }>> }).byUserId()).get(Number(merged.sitterId));
        if (!sitter) throw refuse('sitterId', BOOKING_SENTENCES.sitterNotFound);
        const others = (await windows().onThread(conversationId)).filter((w) => w.documentId !== documentId);
        const hit = firstOverlap({ startsAt, endsAt }, others.map((w) => ({ ...rangeOf(w), row: w })));
        context.params.data = { ...data, conversationId, clientId: thread.clientId ?? null, overlapping: Boolean(hit) };
        const result = (await next()) as { documentId?: string } | null;
        const row = await windows().one(String(result?.documentId ?? documentId));
        if (!row) return result;
        if (hit) {
          onCommit(() => {
            void publishDomainEvent(strapi, {
              type: EVENTS.windowConflict,
              source: PLUGIN,
              at: new Date().toISOString(),
              subject: { type: 'assignment_window', id: row.documentId },
              conversationId,
              data: { conversationId, windows: [windows().plain(row), windows().plain(hit.window.row as WindowRow)], overlap: { startsAt: hit.overlap.startsAt.toISOString(), endsAt: hit.overlap.endsAt.toISOString() } },
            });
          });
        }
        onCommit(() => void getService(strapi, 'transitions').schedule([rangeOf(row)]));
        await audit().record({
          actor,
          action: context.action === 'create' ? AUDIT_ACTIONS.windowCreate : AUDIT_ACTIONS.windowUpdate,
          entity: { type: 'assignment_window', id: row.documentId },
          conversationId,
          details: { ...windows().plain(row), ...(stored ? { before: windows().plain(stored) } : {}), via },
        });
        return result;
      });
    },
  };
};

export type WindowDocumentsService = ReturnType<typeof windowDocuments>;
export default windowDocuments;
