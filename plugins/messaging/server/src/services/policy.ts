import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { NO_POLICY, type MessageToCheck, type MessageViolation, type PolicyVerdict, type PolicyPort } from '../domain/policy-port';

/**
 * The policy port (domain/policy-port.ts, issue 18): whether a message to a client may go out, and whether a client's
 * message may reach the sitter it was routed to. Policy fills it at
 * bootstrap (`fill`). Fail-open (OPS §4.8): a port that throws lets the message go out, logged with its ids; inside the
 * send's transaction it runs under a savepoint, so a failed query of policy's rolls back only policy's writes.
 */
const policy = ({ strapi }: { strapi: Core.Strapi }) => {
  let port: PolicyPort = NO_POLICY;

  return {
    /** Called once by policy's bootstrap. */
    fill(implementation: PolicyPort): void {
      port = implementation;
    },

    async check(message: MessageToCheck, trx: Knex.Transaction): Promise<PolicyVerdict> {
      await trx.raw('SAVEPOINT policy_check');
      try {
        const verdict = await port.check(message);
        await trx.raw('RELEASE SAVEPOINT policy_check');
        return verdict;
      } catch (error) {
        await trx.raw('ROLLBACK TO SAVEPOINT policy_check');
        strapi.log.error(`[messaging] the policy check of message ${message.messageId} on thread ${message.conversationId} failed; it goes through unchecked: ${error}`);
        return { action: 'allow' };
      }
    },

    openViolationsOf: (conversationIds: number[]): Promise<Map<number, number>> => (conversationIds.length === 0 ? Promise.resolve(new Map()) : port.openViolationsOf(conversationIds)),
    threadsWithOpenViolations: (): Promise<number[]> => port.threadsWithOpenViolations(),
    violationsOf: (messageIds: string[]): Promise<Map<string, MessageViolation>> => (messageIds.length === 0 ? Promise.resolve(new Map()) : port.violationsOf(messageIds)),
  };
};

export type PolicyService = ReturnType<typeof policy>;
export default policy;
