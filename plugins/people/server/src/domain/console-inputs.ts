import { z } from 'zod';
import { defaults } from '@switchboard/config';

/** Query and path shapes of people's admin routes (API.md "Operations plugins"), with the sentence each mistake gets. */
const PAGE_SIZE = `pageSize must be a whole number from 1 to ${defaults.consolePageSizeMax}.`;

export const clientListQuerySchema = z.strictObject({
  q: z.string({ error: 'q must be text.' }).max(100, { error: 'q must be at most 100 characters long.' }).optional(),
  page: z.coerce.number({ error: 'page must be a whole number, 1 or more.' }).int({ error: 'page must be a whole number, 1 or more.' }).min(1, { error: 'page must be a whole number, 1 or more.' }).default(1),
  pageSize: z.coerce
    .number({ error: PAGE_SIZE })
    .int({ error: PAGE_SIZE })
    .min(1, { error: PAGE_SIZE })
    .max(defaults.consolePageSizeMax, { error: PAGE_SIZE })
    .default(defaults.consolePageSizeDefault),
});

const yesNo = (field: string) =>
  z
    .enum(['true', 'false'], { error: `${field} must be true or false.` })
    .transform((v) => v === 'true')
    .optional();

export const sittersQuerySchema = z.strictObject({ active: yesNo('active') });
export const previewQuerySchema = z.strictObject({ preview: yesNo('preview') });

export const clientIdParamSchema = z.object({
  id: z.string({ error: 'That is not a client id.' }).regex(/^[a-z0-9]{1,64}$/, { error: 'That is not a client id; pick the client from the list again.' }),
});

export const sitterIdParamSchema = z.object({
  id: z.coerce.number({ error: 'That is not a sitter id.' }).int({ error: 'That is not a sitter id.' }).positive({ error: 'That is not a sitter id.' }),
});
