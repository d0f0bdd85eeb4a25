import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import { staffActor } from '@switchboard/audit';
import { loadEnv } from '@switchboard/config';
import { ForbiddenError, ValidationError } from '@switchboard/kit';
import { toE164 } from '../domain/phone';
import { virtualPhoneReplyRefusal } from '../domain/virtual-phone';
import { AUDIT_ACTIONS, SANDBOX_PHONE_UID } from '../constants';
import type { SandboxPhoneMessage } from '../../../shared/contracts';
import { auditLog, getService } from '../get-service';

/** The sandbox's "virtual phone": read what the business sent to a number, and reply as that client. */
const sandboxPhone = ({ strapi }: { strapi: Core.Strapi }) => ({
  async conversation(phoneNumber: string): Promise<SandboxPhoneMessage[]> {
    const rows = await strapi.db.query(SANDBOX_PHONE_UID).findMany({ where: { phoneNumber }, orderBy: { id: 'asc' } });
    return rows.map((r: any) => ({ id: String(r.id), direction: r.direction, businessNumber: r.businessNumber, body: r.body, at: new Date(r.createdAt).toISOString() }));
  },

  /** Replies are for trying Switchboard out: refused in production, and whenever a real provider is connected. */
  async ensureRepliesAllowed(): Promise<void> {
    const refusal = virtualPhoneReplyRefusal(loadEnv().NODE_ENV);
    if (refusal) throw new ForbiddenError(refusal);
    if ((await getService(strapi, 'settings').row()).kind !== 'sandbox') {
      throw new ForbiddenError('The virtual phone only works with the sandbox provider.');
    }
  },

  /**
   * A reply from the virtual phone enters through the same inbound path as a real SMS; who typed it is audited (the
   * system for the demo seed, which gives its own `providerMessageId` so a second start finds it and sends nothing).
   */
  async reply(input: { from: string; to?: string; body: string; providerMessageId?: string }, actor: { id: number; displayName: string } | 'system'): Promise<{ providerMessageId: string }> {
    const from = toE164(input.from);
    if (!from) throw new ValidationError('Enter the client phone number in international format, like +14155550199.');
    const to = input.to ? toE164(input.to) : (await getService(strapi, 'settings').row()).frontDeskNumber;
    if (!to) throw new ValidationError('Enter the business number the client is texting.');
    const providerMessageId = input.providerMessageId ?? `SB${randomUUID().replace(/-/g, '')}`;
    if (input.providerMessageId && (await strapi.db.query(SANDBOX_PHONE_UID).findOne({ where: { providerMessageId } }))) return { providerMessageId };
    await strapi.db.transaction(async () => {
      const row = await strapi.db.query(SANDBOX_PHONE_UID).create({ data: { direction: 'from_phone', phoneNumber: from, businessNumber: to, body: input.body, providerMessageId } });
      await auditLog(strapi).record({
        actor: actor === 'system' ? { kind: 'system' } : staffActor(actor),
        action: AUDIT_ACTIONS.sandboxPhoneReply,
        entity: { type: 'sandbox_phone_message', id: row.id },
        details: { from, to, providerMessageId },
      });
    });
    await getService(strapi, 'webhooks').receive({ providerMessageId, from, to, body: input.body });
    return { providerMessageId };
  },
});

export type SandboxPhoneService = ReturnType<typeof sandboxPhone>;
export default sandboxPhone;
