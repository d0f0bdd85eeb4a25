import type { Core } from '@strapi/strapi';
import { ConflictError, NotFoundError } from '@switchboard/kit';
import { SITTER_PROFILE_UID } from '../constants';
import { activationImpact, type ActivationPreview } from '../domain/sitter-activation';
import type { ActivationDone, ActivationPreviewAnswer, SitterPick } from '../../../shared/contracts';

/** A sitter as the number inventory sees them (OPS §4.1): who, and whether they are active. */
export interface Sitter {
  userId: number;
  displayName: string;
  active: boolean;
}

/** A row of the sitter picker (API.md "Admin pickers"): `id` is the sitter's user id. */
export type { SitterPick } from '../../../shared/contracts';

/** The port people asks for a sitter's masked number (numbers owns numbers and fills it at bootstrap). */
export type MaskedNumberLookup = (userId: number) => Promise<string | null>;

/** Who activates or deactivates: an admin-panel user. */
export interface ActivationActor {
  id: number;
  displayName: string;
}

/**
 * The port people asks to activate or deactivate a sitter (OPS §4.1, §4.2): numbers assigns and quarantines the
 * masked number and moves the threads, so it fills this at bootstrap. `preview` runs the same checks and writes nothing.
 */
export interface SitterActivation {
  preview(userId: number, action: 'activate' | 'deactivate'): Promise<ActivationPreview>;
  activate(userId: number, actor: ActivationActor): Promise<ActivationDone>;
  deactivate(userId: number, actor: ActivationActor): Promise<ActivationDone>;
}

const NO_NUMBERS = 'Sitters cannot be activated or deactivated while the numbers plugin is off. Ask whoever runs Switchboard to enable it.';
const notAvailable: SitterActivation = {
  preview: async () => {
    throw new ConflictError(NO_NUMBERS);
  },
  activate: async () => {
    throw new ConflictError(NO_NUMBERS);
  },
  deactivate: async () => {
    throw new ConflictError(NO_NUMBERS);
  },
};

export const SITTER_SENTENCES = { notFound: 'Sitter not found. Check the link or pick the sitter from the list again.' } as const;

/** Sitters and their activation state. Inside `strapi.db.transaction(...)` every call joins the caller's transaction. */
const sitters = ({ strapi }: { strapi: Core.Strapi }) => {
  // Until numbers fills the ports no sitter has a masked number and none can be activated.
  let maskedNumberLookup: MaskedNumberLookup = async () => null;
  let activation: SitterActivation = notAvailable;

  return {
    /** Every sitter with an account, by user id. */
    async byUserId(): Promise<Map<number, Sitter>> {
      const rows = (await strapi.db.query(SITTER_PROFILE_UID).findMany({ populate: ['user'] })) as Array<{ displayName: string; active: boolean; user?: { id: number } }>;
      return new Map(rows.filter((r) => r.user).map((r) => [r.user!.id, { userId: r.user!.id, displayName: r.displayName, active: r.active }]));
    },

    /** Marks the sitter with this user id active or inactive. */
    async setActive(userId: number, active: boolean): Promise<void> {
      await strapi.db.query(SITTER_PROFILE_UID).update({ where: { user: userId }, data: { active } });
    },

    /** Called once by numbers' bootstrap. */
    fillMaskedNumbers(lookup: MaskedNumberLookup): void {
      maskedNumberLookup = lookup;
    },

    /** The sitter's active masked number (E.164), or null while they have none (OPS §4.1). */
    maskedNumberOf: (userId: number): Promise<string | null> => maskedNumberLookup(userId),

    /** GET /people/sitters: every sitter (or only the active or inactive ones) by name, with their masked number. */
    async list(filter: { active?: boolean } = {}): Promise<SitterPick[]> {
      const all = [...(await this.byUserId()).values()]
        .filter((s) => filter.active === undefined || s.active === filter.active)
        .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.userId - b.userId);
      return Promise.all(
        all.map(async (s) => {
          const maskedNumber = await maskedNumberLookup(s.userId);
          return { id: s.userId, displayName: s.displayName, active: s.active, ...(maskedNumber ? { maskedNumber } : {}) };
        }),
      );
    },

    /** Called once by numbers' bootstrap. */
    fillActivation(port: SitterActivation): void {
      activation = port;
    },

    /** OPS §4.1/§4.2 with `?preview=true`: the confirmation dialog's sentences; nothing is written. */
    async previewActivation(userId: number, action: 'activate' | 'deactivate'): Promise<ActivationPreviewAnswer> {
      await this.sitter(userId);
      return { preview: true, impact: activationImpact(await activation.preview(userId, action)) };
    },

    async activate(userId: number, actor: ActivationActor): Promise<ActivationDone> {
      await this.sitter(userId);
      return activation.activate(userId, actor);
    },

    async deactivate(userId: number, actor: ActivationActor): Promise<ActivationDone> {
      await this.sitter(userId);
      return activation.deactivate(userId, actor);
    },

    /** The sitter with this user id; NotFoundError with the sentence when there is none. */
    async sitter(userId: number): Promise<Sitter> {
      const found = (await this.byUserId()).get(userId);
      if (!found) throw new NotFoundError(SITTER_SENTENCES.notFound);
      return found;
    },
  };
};

export type SittersService = ReturnType<typeof sitters>;
export default sitters;
