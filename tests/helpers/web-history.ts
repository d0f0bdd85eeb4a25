import { randomUUID } from 'node:crypto';

/**
 * Writes past messages from the Admin team into a Business's Admin team thread, each at the time given, through the
 * messaging plugin's one message writer (as a send does): a thread with days of history for the web app's tests.
 */
export async function seedAdminReplies(strapi: any, conversationId: string, entries: { text: string; at: Date }[]): Promise<string[]> {
  const store = strapi.plugin('messaging').service('message-store');
  const admin = await strapi.db.query('admin::user').findOne({ where: {} });
  const ids: string[] = [];
  for (const entry of entries) {
    const id = await strapi.db.transaction(async ({ trx }: { trx: any }) => {
      await trx('conversation').where('id', Number(conversationId)).forUpdate().first('id');
      return store.append(
        trx,
        Number(conversationId),
        {
          route_type: 'ADMIN_TO_BUSINESS',
          state: 'sent',
          sender_key: `admin:${admin.id}`,
          sender_role: 'staff',
          sender_display_name: `${admin.firstname ?? 'Admin'}`,
          effective_role: 'admin',
          body_html: `<p>${entry.text}</p>`,
          body_text: entry.text,
          idempotency_key: randomUUID(),
        },
        entry.at,
      );
    });
    ids.push(String(id));
  }
  return ids;
}
