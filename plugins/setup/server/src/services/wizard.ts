import type { Core } from '@strapi/strapi';
import { loadEnv, systemClock } from '@switchboard/config';
import { ConflictError, NotFoundError, ProviderUnavailableError, ValidationError, parseInput } from '@switchboard/kit';
import { staffActor, type AuditLogService } from '@switchboard/audit';
import { SETUP_INCOMPLETE, WEBHOOK_FAILED, type ProviderSettingsService, type ReadinessService } from '@switchboard/provider';
import type { InventoryService, NumberLookupService, PurchasingService } from '@switchboard/numbers';
import { AUDIT_ACTIONS, PLUGIN, SENTENCES } from '../constants';
import { PROVIDER_CHANGED, STEPS, blockingStep, isStepKey, reopenLaterSteps, requiredComplete, wizardView, type BatchProgress, type SavedWizard, type StepKey } from '../domain/steps';
import { availableSchema, bulkSchema, connectSchema, emptySchema, frontDeskSchema, webhooksSchema } from '../domain/inputs';

export interface Staff {
  id: number;
  displayName: string;
}

/** A step that failed: its sentence, and whether trying again may help (502) or the input must change (400). */
class StepFailure extends Error {
  constructor(message: string, readonly retryable = false, readonly result?: unknown) {
    super(message);
  }
}

/** What each number of a bulk step came to (OPS §3.9 "per-number results when part of a batch fails"). */
interface NumberResult {
  number: string;
  ok: boolean;
  problem?: string;
}

const LOW_BALANCE = 5;
/** How many pages of the provider's number search one bulk purchase looks through (a page is the numbers plugin's 20). */
const MAX_SEARCH_PAGES = 10;

/**
 * The setup wizard (OPS §3.9): seven steps, each validated before the next opens, saved as it goes (Strapi's core
 * store: every node reads the same, so an interrupted wizard resumes where it stopped), each failure saved `failed`
 * with the spec's sentence. It drives the plugins below through their services: provider (credentials, account check,
 * webhooks, the readiness gate) and numbers (buy, import).
 */
const wizard = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN, key: 'wizard' });
  const provider = () => strapi.plugin('provider').service('settings') as ProviderSettingsService;
  const readiness = () => strapi.plugin('provider').service('readiness') as ReadinessService;
  const purchasing = () => strapi.plugin('numbers').service('purchasing') as PurchasingService;
  const inventory = () => strapi.plugin('numbers').service('inventory') as InventoryService;
  const lookup = () => strapi.plugin('numbers').service('number-lookup') as NumberLookupService;
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;

  const stored = async (): Promise<SavedWizard> => ((await store().get({})) ?? {}) as SavedWizard;

  /**
   * A bulk step's progress while it runs (OPS §3.9 "progress"), in the core store so the page can read it from any
   * node: how many of the batch's numbers are settled, and how many were added. Cleared when the step ends.
   */
  const progressStore = () => strapi.store({ type: 'plugin', name: PLUGIN, key: 'wizard-progress' });
  const reportProgress = (key: StepKey, total: number) => async (results: NumberResult[]) => {
    const progress: BatchProgress = { step: key, done: results.length, added: results.filter((r) => r.ok).length, total, at: systemClock.now().toISOString() };
    await progressStore().set({ value: progress });
  };

  /**
   * The steps as saved, checked against the provider's connection now: step 1 records the connection it made, and when
   * another one runs (credentials saved in Provider Settings, or the sandbox again), what steps 2–7 proved is void.
   */
  const saved = async (): Promise<SavedWizard> => {
    const value = await stored();
    const first = value.connect_provider;
    if (first?.status !== 'complete') return value;
    const recorded = (first.result as { connection?: string } | undefined)?.connection;
    const connection = await provider().connection();
    if (recorded === connection.id) return value;
    const at = systemClock.now().toISOString();
    // A step 1 saved before connections were recorded adopts the one running; it proves nothing stale.
    const next: SavedWizard =
      recorded === undefined
        ? { ...value, connect_provider: { ...first, result: { ...(first.result as object), connection: connection.id } } }
        : {
            ...reopenLaterSteps(value, at),
            connect_provider: connection.kind === 'twilio' ? { ...first, result: { ...(first.result as object), connection: connection.id }, at } : { status: 'pending', problem: PROVIDER_CHANGED, at },
          };
    await store().set({ value: next });
    return next;
  };
  const save = async (key: StepKey, status: 'complete' | 'skipped' | 'failed', problem?: string, result?: unknown) => {
    const current = await stored();
    const at = systemClock.now().toISOString();
    const entry = { status, ...(problem ? { problem } : {}), ...(result !== undefined ? { result } : {}), at };
    // A new connection (step 1 succeeded: new credentials are saved, the provider's readiness reset) reopens steps 2–7.
    const base = key === 'connect_provider' && status === 'complete' ? reopenLaterSteps(current, at) : current;
    await store().set({ value: { ...base, [key]: entry } });
  };

  const problemOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

  /**
   * Buys toward a batch's target: `target` numbers in an area code. The numbers an earlier run of the same batch (same
   * area code) bought and the inventory still has count toward it, so a rerun buys only the shortfall. The provider's
   * search answers one page at a time (numbers already in the inventory left out), so it searches again until the
   * shortfall is found; a page whose purchases fail ends the run (the account's trouble, not the page's).
   */
  async function buyMany(areaCode: string, target: number, numberClass: 'sitter' | 'pool', earlier: NumberResult[], staff: Staff, onEach: (results: NumberResult[]) => Promise<void>): Promise<NumberResult[]> {
    const inInventory = new Set((await inventory().list()).filter((n) => n.numberClass === numberClass && n.status !== 'inactive').map((n) => n.e164));
    const results: NumberResult[] = earlier.filter((r) => r.ok && inInventory.has(r.number)).slice(0, target);
    const tried = new Set<string>();
    let need = target - results.length;
    for (let page = 0; need > 0 && page < MAX_SEARCH_PAGES; page++) {
      const offers = (await purchasing().searchAvailable(areaCode)).filter((o) => !tried.has(o.e164)).slice(0, need);
      if (offers.length === 0) break;
      let failed = false;
      for (const offer of offers) {
        tried.add(offer.e164);
        try {
          await purchasing().buy({ e164: offer.e164, numberClass }, staff);
          results.push({ number: offer.e164, ok: true });
          need -= 1;
        } catch (error) {
          failed = true;
          results.push({ number: offer.e164, ok: false, problem: `${SENTENCES.purchaseFailed} (${problemOf(error)})` });
        }
        await onEach(results);
      }
      if (failed) return results;
    }
    if (results.length === 0 && need > 0) throw new StepFailure(SENTENCES.purchaseFailed, false, { target: { areaCode, quantity: target }, numbers: [] });
    if (need > 0) results.push({ number: `${need} more`, ok: false, problem: `Only ${target - need} numbers were available in ${areaCode}. ${SENTENCES.purchaseFailed}` });
    return results;
  }

  /** Imports a pasted list one by one; numbers already in the inventory count as done, so a batch can be resumed. */
  async function importMany(refs: string[], numberClass: 'front_desk' | 'sitter' | 'pool', staff: Staff, onEach: (results: NumberResult[]) => Promise<void> = async () => {}): Promise<NumberResult[]> {
    const have = new Set((await inventory().list()).flatMap((n) => [n.e164, n.providerRef ?? '']));
    const results: NumberResult[] = [];
    for (const ref of refs) {
      if (have.has(ref)) {
        results.push({ number: ref, ok: true });
        continue;
      }
      try {
        const imported = await purchasing().import({ numbers: [ref.startsWith('PN') ? { providerRef: ref } : { e164: ref }], numberClass }, staff);
        results.push({ number: imported.numbers[0], ok: true });
      } catch (error) {
        results.push({ number: ref, ok: false, problem: problemOf(error) });
      }
      await onEach(results);
    }
    return results;
  }

  /**
   * Step 7's checks, asked live of the provider each time (the step, and again at the finish): the account answers; the
   * Front Desk number is on it; the webhook was proved since the last connection; a number is active.
   */
  async function readinessChecks() {
    const state = await readiness().state();
    const client = await provider().provider();
    const account = state.mode === 'twilio' ? await client.checkAccount() : null;
    const frontDesk = await lookup().activeFrontDesk();
    const frontDeskRef = frontDesk ? (await inventory().list()).find((n) => n.e164 === frontDesk.e164)?.providerRef : undefined;
    let frontDeskOnAccount = false;
    if (frontDesk && frontDeskRef && state.mode === 'twilio') {
      try {
        frontDeskOnAccount = (await client.webhooksOf(frontDeskRef)) !== null;
      } catch {
        frontDeskOnAccount = false;
      }
    }
    const all = await inventory().list();
    return [
      { name: 'Provider connected', ok: state.mode === 'twilio' && account?.access === true },
      { name: 'Front Desk number configured', ok: frontDeskOnAccount },
      { name: 'Webhook installed and verified', ok: Boolean(state.webhookVerifiedAt) },
      { name: 'At least one number available', ok: all.some((n) => n.status === 'active') },
    ];
  }

  async function runStep(key: StepKey, body: unknown, staff: Staff): Promise<{ status: 'complete' | 'skipped'; result?: unknown }> {
    switch (key) {
      case 'connect_provider': {
        const input = parseInput(connectSchema, body);
        if (input.apiBaseUrl && loadEnv().NODE_ENV === 'production') throw new ValidationError('apiBaseUrl is for tests against a fake provider; leave it out.');
        const connected = await provider().connectTwilio(input, staff);
        if (!connected.connected) throw new StepFailure(SENTENCES.connectionFailed, false, { problems: connected.check.problems });
        return { status: 'complete', result: { accountName: connected.check.accountName, connection: (await provider().connection()).id } };
      }
      case 'verify_connectivity': {
        parseInput(emptySchema, body);
        // Each check is the provider's own answer: the account fetched, a real API call (its numbers listed), the balance.
        const check = await (await provider().provider()).checkAccount({ permissions: true });
        const balance = check.balance ? Number(check.balance.amount) : null;
        const checks = [
          { name: 'Account access', ok: check.access, detail: check.accountName ?? undefined },
          { name: 'API permissions', ok: check.permissions === true },
          { name: 'Account balance', ok: check.funded !== false, warning: balance !== null && balance < LOW_BALANCE, detail: check.balance ? `${check.balance.amount} ${check.balance.currency}` : 'not available' },
        ];
        if (!check.ok) throw new StepFailure(check.problems[0] ?? SENTENCES.connectionFailed, true, { checks, problems: check.problems });
        return { status: 'complete', result: { checks, ...(checks[2].warning ? { warning: `Your balance is low (${checks[2].detail}). Add funds before going live.` } : {}) } };
      }
      case 'front_desk_number': {
        const input = parseInput(frontDeskSchema, body);
        try {
          if (input.mode === 'buy') await purchasing().buy({ e164: input.e164, numberClass: 'front_desk' }, staff);
          else {
            const [result] = await importMany([input.number], 'front_desk', staff);
            if (!result.ok) throw new Error(result.problem);
          }
        } catch (error) {
          throw new StepFailure(input.mode === 'buy' ? `${SENTENCES.purchaseFailed} (${problemOf(error)})` : problemOf(error));
        }
        const frontDesk = await lookup().activeFrontDesk();
        return { status: 'complete', result: { frontDesk: frontDesk?.e164 ?? null } };
      }
      case 'sitter_numbers':
      case 'pool_numbers': {
        const numberClass = key === 'sitter_numbers' ? 'sitter' : 'pool';
        const input = parseInput(bulkSchema(key === 'sitter_numbers' ? 50 : 20), body);
        if (input.mode === 'skip') return { status: 'skipped' };
        if (input.mode === 'import') {
          const numbers = await importMany(input.numbers, numberClass, staff, reportProgress(key, input.numbers.length));
          const failed = numbers.filter((n) => !n.ok);
          if (failed.length > 0) throw new StepFailure(`${numbers.length - failed.length} of ${numbers.length} numbers were added; ${failed.length} failed. Fix them and run this step again: the added ones are kept.`, false, { numbers });
          return { status: 'complete', result: { numbers } };
        }
        // A buy records its target, so running the step again resumes the batch: only the shortfall is bought.
        const target = { areaCode: input.areaCode, quantity: input.quantity };
        const previous = (await stored())[key]?.result as { target?: { areaCode: string }; numbers?: NumberResult[] } | undefined;
        const earlier = previous?.target?.areaCode === input.areaCode ? (previous.numbers ?? []) : [];
        const numbers = await buyMany(input.areaCode, input.quantity, numberClass, earlier, staff, reportProgress(key, input.quantity));
        const added = numbers.filter((n) => n.ok).length;
        if (added < input.quantity) throw new StepFailure(`${added} of ${input.quantity} numbers were added; ${input.quantity - added} failed. Fix them and run this step again: the added ones are kept, and only the rest are bought.`, false, { target, numbers });
        return { status: 'complete', result: { target, numbers } };
      }
      case 'webhooks': {
        const input = parseInput(webhooksSchema, body);
        if (input.customBaseUrl) await provider().setWebhookBaseUrl(input.customBaseUrl, staff);
        const urls = await provider().webhookUrls();
        const client = await provider().provider();
        const numbers: NumberResult[] = [];
        for (const n of (await inventory().list()).filter((x) => x.providerRef && x.status !== 'inactive')) {
          try {
            await client.installWebhooks({ providerRef: n.providerRef!, e164: n.e164, capabilities: n.capabilities ?? { sms: true, mms: false, voice: false } }, urls);
            // Read back: the round trip below proves only the status address; what the provider kept proves both.
            const kept = await client.webhooksOf(n.providerRef!);
            const wrong = kept && [kept.inboundUrl !== urls.inboundUrl ? `incoming SMS go to ${kept.inboundUrl || 'no address'}` : null, kept.statusUrl !== urls.statusUrl ? `delivery reports go to ${kept.statusUrl || 'no address'}` : null].filter(Boolean);
            if (wrong && wrong.length > 0) numbers.push({ number: n.e164, ok: false, problem: `${WEBHOOK_FAILED} (the provider kept other addresses: ${wrong.join('; ')})` });
            else numbers.push({ number: n.e164, ok: true });
          } catch (error) {
            numbers.push({ number: n.e164, ok: false, problem: problemOf(error) });
          }
        }
        if (numbers.some((n) => !n.ok)) throw new StepFailure(WEBHOOK_FAILED, true, { urls, numbers });
        const proof = await readiness().verifyWebhookRoundTrip();
        if (!proof.verified) throw new StepFailure(proof.problem ?? WEBHOOK_FAILED, true, { urls, numbers });
        return { status: 'complete', result: { urls, numbers, verified: true } };
      }
      case 'readiness': {
        parseInput(emptySchema, body);
        const checks = await readinessChecks();
        if (checks.some((c) => !c.ok)) throw new StepFailure(SETUP_INCOMPLETE, false, { checks });
        return { status: 'complete', result: { checks } };
      }
    }
  }

  const api = {
    /**
     * GET /setup: the mode, whether sends to clients are open, and each step as saved (resume at `current`); the
     * addresses step 6 installs (`webhookUrls`), and whether step 1 takes a provider API address (`allowsProviderAddress`:
     * only outside production, for a test account on the fake provider).
     */
    async view() {
      const state = await readiness().state();
      const { steps, current } = wizardView(await saved());
      const progress = ((await progressStore().get({})) ?? null) as BatchProgress | null;
      return { mode: state.mode, ready: state.ready, completedAt: state.completedAt, current, steps, progress, webhookUrls: await provider().webhookUrls(), allowsProviderAddress: loadEnv().NODE_ENV !== 'production' };
    },

    /** POST /setup/steps/:key: runs one step once the ones before it are done; a failure is saved, then answered. */
    async step(key: unknown, body: unknown, staff: Staff) {
      if (!isStepKey(key)) throw new NotFoundError(SENTENCES.unknownStep);
      const blocking = blockingStep(key, await saved());
      if (blocking) throw new ConflictError(SENTENCES.stepClosed(blocking.label));
      try {
        const outcome = await runStep(key, body ?? {}, staff).finally(() => progressStore().set({ value: null }));
        await save(key, outcome.status, undefined, outcome.result);
        await audit().record({ actor: staffActor(staff), action: AUDIT_ACTIONS.step, entity: { type: 'setup_step', id: key }, details: { step: key, status: outcome.status } });
      } catch (error) {
        if (!(error instanceof StepFailure)) {
          // A caller's mistake (a 400 from parsing) leaves the step as it was; anything else is the provider's.
          if ((error as { name?: string }).name === 'ValidationError') throw error;
          await save(key, 'failed', problemOf(error));
          throw error;
        }
        await save(key, 'failed', error.message, error.result);
        throw error.retryable ? new ProviderUnavailableError(error.message, { step: key, result: error.result }) : new ValidationError(error.message, { step: key, result: error.result });
      }
      return api.view();
    },

    /** POST /setup/finish: sends to clients open once every required step is complete (OPS §3.9 "Finish Setup"). */
    async finish(staff: Staff) {
      const current = await saved();
      if (!requiredComplete(current)) throw new ConflictError(SETUP_INCOMPLETE, { missing: STEPS.filter((s) => s.required && current[s.key]?.status !== 'complete').map((s) => s.key) });
      // The saved statuses are not trusted: step 7's checks run again, now.
      const checks = await readinessChecks();
      if (checks.some((c) => !c.ok)) {
        await save('readiness', 'failed', SETUP_INCOMPLETE, { checks });
        throw new ConflictError(SETUP_INCOMPLETE, { missing: ['readiness'], checks });
      }
      await readiness().complete(staff);
      return { ...(await api.view()), message: SENTENCES.ready };
    },

    /** GET /setup/available?areaCode=: numbers the provider offers, with their cost (steps 3–5's preview). */
    async available(query: unknown) {
      const { areaCode } = parseInput(availableSchema, query ?? {});
      return purchasing().searchAvailable(areaCode);
    },
  };
  return api;
};

export type WizardService = ReturnType<typeof wizard>;
export default wizard;
