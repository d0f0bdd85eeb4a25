import type { Core } from '@strapi/strapi';
import type { NumberLookupService } from '@switchboard/numbers';
import type { MessageToCheck, MessageViolation, PolicyVerdict, PolicyPort } from '@switchboard/messaging';
import { detectContacts, redact } from '../domain/detector';
import { blockedNotice, heldNotice } from '../domain/notices';
import { getService } from '../get-service';

/**
 * What policy tells messaging (messaging's policy port, filled at bootstrap): whether a SITTER_TO_CLIENT or
 * AUTOMATION_TO_CLIENT message may go out, and whether a CLIENT_INBOUND message routed to a sitter may reach them.
 * The detector reads it (the business's own numbers never count); contact details block the send, or hold the
 * client's message, and open a violation in the message's transaction. Messaging fails open if this throws (OPS §4.8).
 * Enforcement cannot be switched off (OPS §2.1 wins over §3.8): there is no setting for it.
 */
const port = ({ strapi }: { strapi: Core.Strapi }) => {
  const implementation: PolicyPort = {
    async check(message: MessageToCheck): Promise<PolicyVerdict> {
      const ownNumbers = await (strapi.plugin('numbers').service('number-lookup') as NumberLookupService).allE164();
      const findings = detectContacts(message.bodyText, { ownNumbers });
      if (findings.length === 0) return { action: 'allow' };
      const redactedText = redact(message.bodyText, findings);
      const types = [...new Set(findings.map((f) => f.type))];
      const hold = message.routeType === 'CLIENT_INBOUND';
      await getService(strapi, 'violations').open(message, types, redactedText, hold ? 'held' : 'blocked');
      return hold ? { action: 'hold', notice: heldNotice(types), redactedText } : { action: 'block', notice: blockedNotice(types), redactedText };
    },

    async openViolationsOf(conversationIds: number[]): Promise<Map<number, number>> {
      const rows = (await strapi.db
        .connection('policy_violation')
        .whereIn('conversation_id', conversationIds)
        .andWhere('status', 'open')
        .select('conversation_id')
        .count({ n: '*' })
        .groupBy('conversation_id')) as Array<{ conversation_id: number; n: string | number }>;
      return new Map(rows.map((r) => [Number(r.conversation_id), Number(r.n)]));
    },

    async threadsWithOpenViolations(): Promise<number[]> {
      const rows = (await strapi.db.connection('policy_violation').where('status', 'open').distinct('conversation_id')) as Array<{ conversation_id: number }>;
      return rows.map((r) => Number(r.conversation_id));
    },

    async violationsOf(messageIds: string[]): Promise<Map<string, MessageViolation>> {
      const rows = (await strapi.db.connection('policy_violation').whereIn('message_id', messageIds).select('id', 'message_id', 'type', 'status')) as Array<{ id: number; message_id: string; type: string; status: string }>;
      return new Map(rows.map((r) => [String(r.message_id), { id: String(r.id), type: r.type, status: r.status }]));
    },
  };

  return {
    implementation,
    /** Called once at bootstrap. */
    fill(): void {
      const service = strapi.plugin('messaging')?.service('policy') as { fill?(p: PolicyPort): void } | undefined;
      if (service?.fill) service.fill(implementation);
      else strapi.log.warn('[policy] messaging has no policy port to fill; messages to and from clients go through unchecked.');
    },
  };
};

export default port;
