import type { Core } from '@strapi/strapi';
import { systemClock } from '@switchboard/config';
import type { SitterNotice, SitterNotices } from '@switchboard/numbers';
import { sanitizeMessageHtml } from '../domain/sanitize';
import { textToMessageHtml } from '../domain/text-to-html';
import { SYSTEM_SENDER_NAME, sitterNoticeText } from '../domain/sitter-notice';
import { getService } from '../get-service';

/**
 * The system telling a sitter what concerns them (issue 13 item 14): a `SYSTEM` message in the sitter's Admin team
 * thread (`admin_sitter`, created when it does not exist yet), seen by that sitter and staff, and published like any
 * other message. Fills numbers' sitter-notices port at bootstrap.
 */
const sitterNotices = ({ strapi }: { strapi: Core.Strapi }): SitterNotices & { notifyText(sitterUserId: number, text: string): Promise<string> } => {
  const conversations = () => getService(strapi, 'conversations');
  const store = () => getService(strapi, 'message-store');

  async function notifyText(sitterUserId: number, text: string): Promise<string> {
    // A new thread reaches the sitter's and staff's lists through publishMessage's conversation:updated.
    const { record } = await conversations().getOrCreate('system', { kind: 'admin_sitter', vaUserId: null, businessId: null, sitterUserId });
    const { bodyHtml, bodyText } = sanitizeMessageHtml(textToMessageHtml(text));
    // Inside a caller's transaction (the demo seed) this joins it; the message is published once it commits.
    return strapi.db.transaction(async ({ trx, onCommit }) => {
      // The conversation's row lock first, as every writer takes it: ids follow commit order.
      await trx('conversation').where('id', record.id).forUpdate().first('id');
      const id = (await store().append(
        trx,
        record.id,
        {
          route_type: 'SYSTEM',
          state: 'sent',
          sender_key: 'system',
          sender_role: 'system',
          sender_display_name: SYSTEM_SENDER_NAME,
          effective_role: 'system',
          body_html: bodyHtml,
          body_text: bodyText,
          idempotency_key: null,
        },
        systemClock.now(),
      ))!;
      const stored = (await store().findById(id, trx))!;
      const published = (await conversations().findRecord(record.id, trx))!;
      onCommit(() => {
        getService(strapi, 'realtime')
          .publishMessage(published, stored)
          .catch((error) => strapi.log.error(`[messaging] sitter notice ${id} for sitter user ${sitterUserId} was not published: ${error}`));
      });
      return id;
    });
  }

  return {
    notify: async (notice: SitterNotice) => {
      await notifyText(notice.sitterUserId, sitterNoticeText(notice));
    },
    notifyText,
  };
};

export type SitterNoticesService = ReturnType<typeof sitterNotices>;
export default sitterNotices;
