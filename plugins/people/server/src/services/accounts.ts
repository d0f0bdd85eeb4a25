import { randomBytes, randomInt } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { defaults, loadEnv } from '@switchboard/config';
import type { AuditActor, AuditLogService } from '@switchboard/audit';
import { ConflictError, ProviderUnavailableError } from '@switchboard/kit';
import { ACCOUNT_SENTENCES, initialProfile, invitationLink, oneTimePassword, sendsInvitationEmail, type AccountCreate } from '../domain/accounts';
import type { AppRole } from '../domain/roles';
import type { AccountCreated } from '../../../shared/contracts';
import { AUDIT_ACTIONS, BUSINESS_PROFILE_UID, SITTER_PROFILE_UID, USER_UID, VA_PROFILE_UID } from '../constants';

const UP_ROLE = 'plugin::users-permissions.role';
const PROFILE_UID: Record<AppRole, string> = { business: BUSINESS_PROFILE_UID, va: VA_PROFILE_UID, sitter: SITTER_PROFILE_UID };

/** API.md POST /people/accounts: the new user, and how they get in — a link sent by e-mail, or a password shown once. */
export type { AccountCreated } from '../../../shared/contracts';

/**
 * Accounts (DOMAIN.md "Accounts"): self-registration is closed, so an Owner creates each business, VA and sitter.
 * The user, the profile and the audit event commit together; the invitation e-mail is sent before the commit, so a
 * failed send leaves no account behind.
 */
const accounts = ({ strapi }: { strapi: Core.Strapi }) => {
  const users = () => strapi.plugin('users-permissions').service('user');

  /** Where the invitation's set-password link points: users-permissions' setting, else the web app's page. */
  async function resetPasswordUrl(): Promise<string> {
    const advanced = (await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) as { email_reset_password?: string } | null;
    return advanced?.email_reset_password || new URL('/reset-password', loadEnv().WEB_PUBLIC_URL).toString();
  }

  return {
    /** Whether invitations go by e-mail (see `sendsInvitationEmail`). */
    sendsEmail: (): boolean => sendsInvitationEmail(strapi.config.get('plugin::email.provider')),

    async create(account: AccountCreate, actor: AuditActor): Promise<AccountCreated> {
      const byEmail = this.sendsEmail();
      return strapi.db.transaction(async () => {
        const taken = await strapi.db.query(USER_UID).count({ where: { $or: [{ email: account.email }, { username: account.email }] } });
        if (Number(taken) > 0) throw new ConflictError(ACCOUNT_SENTENCES.emailTaken);
        const role = await strapi.db.query(UP_ROLE).findOne({ where: { type: account.role } });
        if (!role) throw new Error(`users-permissions role ${account.role} is missing (cms/src/bootstrap/roles.ts creates it)`);

        // With an invitation the password is random and never shown: the person sets theirs through the link.
        const password = byEmail ? randomBytes(32).toString('base64url') : oneTimePassword(defaults.oneTimePasswordLength, (n) => randomInt(n));
        const code = byEmail ? randomBytes(64).toString('hex') : null;
        const data = await users().ensureHashedPasswords({
          username: account.email,
          email: account.email,
          password,
          provider: 'local',
          confirmed: true,
          blocked: false,
          role: role.id,
          ...(code ? { resetPasswordToken: code } : {}),
        });
        const user = (await strapi.db.query(USER_UID).create({ data })) as { id: number };
        const profile = initialProfile(account);
        await strapi.db.query(PROFILE_UID[profile.kind] as any).create({ data: { ...profile.data, user: user.id } });
        await (strapi.plugin('audit').service('audit-log') as AuditLogService).record({
          actor,
          action: AUDIT_ACTIONS.accountCreate,
          entity: { type: 'user', id: user.id },
          details: { email: account.email, role: account.role, displayName: account.displayName, ...(account.businessName ? { businessName: account.businessName } : {}), invitation: byEmail ? 'email' : 'one-time password' },
        });

        const invitation: AccountCreated['invitation'] = code ? { link: invitationLink(await resetPasswordUrl(), code) } : { oneTimePassword: password };
        if ('link' in invitation) {
          try {
            await strapi.plugin('email').service('email').send({
              to: account.email,
              subject: 'Your Switchboard account',
              text: `Hello ${account.displayName},\n\nAn account was created for you. Choose your password here:\n${invitation.link}\n`,
              html: `<p>Hello ${escapeHtml(account.displayName)},</p><p>An account was created for you. <a href="${escapeHtml(invitation.link)}">Choose your password</a>.</p>`,
            });
          } catch (error) {
            strapi.log.error(`[people] invitation e-mail for user ${user.id} failed: ${(error as Error)?.message ?? error}`);
            throw new ProviderUnavailableError(ACCOUNT_SENTENCES.invitationFailed);
          }
        }
        return { user: { id: user.id, email: account.email, role: account.role }, invitation };
      });
    },
  };
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type AccountsService = ReturnType<typeof accounts>;
export default accounts;
