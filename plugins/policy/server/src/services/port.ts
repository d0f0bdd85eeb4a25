import type { Core } from '@strapi/strapi';
import type { NumberLookupService } from '@switchboard/numbers';
import type { OutboundToCheck, OutboundVerdict, PolicyPort } from '@switchboard/messaging';
import { blockedNotice, detectContacts, redact } from '../domain/detector';
import { getService } from '../get-service';

/**
 * What policy tells messaging (messaging's policy port, filled at bootstrap): whether a SITTER_TO_CLIENT or
 * AUTOMATION_TO_CLIENT message may go out. The detector reads it (the business's own numbers never count); contact
 * details block it and open a violation in the send's transaction. Messaging fails open if this throws (OPS §4.8).
 * Enforcement cannot be switched off (OPS §2.1 wins over §3.8): there is no setting for it.
 */
const port = ({ strapi }: { strapi: Core.Strapi }) => {
  const implementation: PolicyPort = {
    async checkOutbound(message: OutboundToCheck): Promise<OutboundVerdict> {
      const ownNumbers = await (strapi.plugin('numbers').service('number-lookup') as NumberLookupService).allE164();
      const findings = detectContacts(message.bodyText, { ownNumbers });
      if (findings.length === 0) return { action: 'allow' };
      const redactedText = redact(message.bodyText, findings);
      const types = [...new Set(findings.map((f) => f.type))];
      await getService(strapi, 'violations').open(message, findings, redactedText, 'blocked');
      return { action: 'block', notice: blockedNotice(types), redactedText };
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
  };

  return {
    implementation,
    /** Called once at bootstrap. */
    fill(): void {
      const service = strapi.plugin('messaging')?.service('policy') as { fill?(p: PolicyPort): void } | undefined;
      if (service?.fill) service.fill(implementation);
      else strapi.log.warn('[policy] messaging has no policy port to fill; sends to clients go out unchecked.');
    },
  };
};

export default port;
