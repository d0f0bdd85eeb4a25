import type { Core } from '@strapi/strapi';
import { adminDisplayName, staffActor } from '@switchboard/audit';
import { parseInput, ValidationError } from '@switchboard/kit';
import { organisationUpdateSchema } from '../domain/organisation';
import { accountCreateSchema } from '../domain/accounts';
import { clientIdParamSchema, clientListQuerySchema, previewQuerySchema, sitterIdParamSchema, sittersQuerySchema } from '../domain/console-inputs';
import { getService } from '../get-service';
import type { AccountCreated, ActivationDone, ActivationPreviewAnswer, ClientList, ClientView, Organisation, SitterPick } from '../../../shared/contracts';

type Ctx = any;

/**
 * People's admin routes (API.md "Admin pickers", "Setup and system settings"): parse with zod (a 400 with a sentence),
 * call one service, answer `{ data }`. Client writes go through the document service, whose middleware validates.
 */
const consoleController = ({ strapi }: { strapi: Core.Strapi }) => {
  const staff = (ctx: Ctx) => ({ id: ctx.state.user.id as number, displayName: adminDisplayName(ctx.state.user) });
  const answer = <T>(ctx: Ctx, data: T, status = 200) => {
    ctx.status = status;
    ctx.body = { data };
  };
  const objectBody = (ctx: Ctx, example: string) => {
    const body = ctx.request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError(`Send a JSON object, like ${example}.`);
    return body as Record<string, unknown>;
  };
  const CLIENT_EXAMPLE = '{"firstName": "Casey", "phone": "(415) 555-0161"}';

  return {
    async organisation(ctx: Ctx) {
      answer<Organisation>(ctx, await getService(strapi, 'organisation').get());
    },
    async updateOrganisation(ctx: Ctx) {
      const patch = parseInput(organisationUpdateSchema, ctx.request.body ?? {});
      answer<Organisation>(ctx, await getService(strapi, 'organisation').update(patch, staffActor(staff(ctx))));
    },

    async clients(ctx: Ctx) {
      ctx.body = (await getService(strapi, 'clients').list(parseInput(clientListQuerySchema, ctx.query ?? {}))) satisfies ClientList;
    },
    async client(ctx: Ctx) {
      answer<ClientView>(ctx, await getService(strapi, 'clients').get(parseInput(clientIdParamSchema, ctx.params ?? {}).id));
    },
    async createClient(ctx: Ctx) {
      answer<ClientView>(ctx, await getService(strapi, 'clients').create(objectBody(ctx, CLIENT_EXAMPLE) as any), 201);
    },
    async updateClient(ctx: Ctx) {
      const { id } = parseInput(clientIdParamSchema, ctx.params ?? {});
      answer<ClientView>(ctx, await getService(strapi, 'clients').update(id, objectBody(ctx, CLIENT_EXAMPLE) as any));
    },

    async sitters(ctx: Ctx) {
      answer<SitterPick[]>(ctx, await getService(strapi, 'sitters').list(parseInput(sittersQuerySchema, ctx.query ?? {})));
    },
    async activateSitter(ctx: Ctx) {
      await activation(ctx, 'activate');
    },
    async deactivateSitter(ctx: Ctx) {
      await activation(ctx, 'deactivate');
    },

    async createAccount(ctx: Ctx) {
      const account = parseInput(accountCreateSchema, objectBody(ctx, '{"role": "sitter", "email": "sam@example.com", "displayName": "Sam Sitter"}'));
      answer<AccountCreated>(ctx, await getService(strapi, 'accounts').create(account, staffActor(staff(ctx))), 201);
    },
  };

  async function activation(ctx: Ctx, action: 'activate' | 'deactivate') {
    const { id } = parseInput(sitterIdParamSchema, ctx.params ?? {});
    const { preview } = parseInput(previewQuerySchema, ctx.query ?? {});
    const sitters = getService(strapi, 'sitters');
    if (preview) return answer<ActivationPreviewAnswer>(ctx, await sitters.previewActivation(id, action));
    answer<ActivationDone>(ctx, action === 'activate' ? await sitters.activate(id, staff(ctx)) : await sitters.deactivate(id, staff(ctx)));
  }
};

export default consoleController;
