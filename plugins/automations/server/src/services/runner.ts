import type { Core } from '@strapi/strapi';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { defaults, loadEnv, systemClock } from '@switchboard/config';
import { startJobQueue, stopJobQueue, type PgBoss } from '@switchboard/database';
import { ConflictError, NotFoundError, ValidationError, publishDomainEvent } from '@switchboard/kit';
import { BOOKING_UID } from '@switchboard/assignments';
import type { ActionResult, TemplatePreview, TestResult, TriggerType } from '../../../shared/contracts';
import { EVENTS, EXECUTION_TABLE, PLUGIN, RUN_QUEUE, SENTENCES, SWEEP_QUEUE } from '../constants';
import { evaluateConditions } from '../domain/conditions';
import { checkTemplate, renderTemplate } from '../domain/templates';
import { breakerTrips, frequencyCapReason, loopReason, quietUntil, selfPauseReason } from '../domain/limits';
import { actionText } from '../domain/words';
import { triggerOf } from '../domain/catalogue';
import type { PreviewInput, TestInput } from '../domain/inputs';
import { getService } from '../get-service';
import { ContextError, type RunContext, type TriggerRef } from './context';
import type { AutomationRow, Staff } from './automations';
import type { ExecutionRow } from './executions';
import { lower } from './lower';

/** Why a live run set off another: the chain's id and how deep this run is (0 = set off by no automation). */
export interface Causation {
  id: string;
  depth: number;
}

/** A run's actions stopped: the sentence the log keeps, and what the actions before it did (undone with it). */
class ActionFailure extends Error {
  constructor(message: string, readonly results: ActionResult[] = []) {
    super(message);
  }
}

const WINDOW_EDGE: Partial<Record<TriggerType, 'start' | 'end'>> = { 'window.starting': 'start', 'window.ended': 'end' };

/**
 * Running automations (OPS §3.6 "Execution", §2.4): triggers become queued executions (one per automation and
 * trigger key, across nodes), which run on their own pg-boss queue — a slow or failing automation never delays a
 * message. A run checks the automation is still active, builds its context, evaluates its conditions, respects quiet
 * hours and the per-client cap, and performs its actions in one transaction (an action that fails undoes the ones
 * before it: nothing half-done, nothing sent). Failures in a row trip the breaker; a chain of automations setting
 * each other off is cut at `automationMaxDepth`. Test mode runs the same steps and performs nothing.
 */
const runner = ({ strapi }: { strapi: Core.Strapi }) => {
  let boss: PgBoss | null = null;
  const causation = new AsyncLocalStorage<Causation>();
  const inFlight = new Set<Promise<unknown>>();
  const of = lower(strapi);
  const automations = () => getService(strapi, 'automations');
  const executions = () => getService(strapi, 'executions');
  const contexts = () => getService(strapi, 'context');
  const settings = () => getService(strapi, 'settings');

  const queueOpen = (): boolean => boss !== null && (boss.getDb() as { opened?: boolean }).opened !== false;

  async function send(executionId: string, startAfter?: Date): Promise<void> {
    if (!queueOpen()) return;
    await boss!.send(RUN_QUEUE, { executionId }, { retryLimit: 0, ...(startAfter && startAfter > systemClock.now() ? { startAfter } : {}) });
  }

  /** A trigger for these automations: one queued run each (a loop past the depth limit is logged as skipped, not run). */
  async function enqueue(trigger: TriggerRef, key: string, only?: AutomationRow[]): Promise<number> {
    const parent = causation.getStore();
    const cause: Causation = parent ? { id: parent.id, depth: parent.depth + 1 } : { id: randomUUID(), depth: 0 };
    const targets = only ?? (await automations().activeFor(trigger.type));
    let queued = 0;
    const { maxDepth } = await settings().get();
    for (const automation of targets) {
      const loop = loopReason(cause.depth, maxDepth);
      const row = await executions().insertOnce({
        automationId: automation.documentId,
        version: automation.version,
        definitionHash: automation.definitionHash,
        mode: 'live',
        status: loop ? 'skipped' : 'queued',
        triggerType: trigger.type,
        triggerKey: key,
        subjectType: trigger.subject.type,
        subjectId: trigger.subject.id,
        triggerAt: new Date(trigger.at),
        triggerData: trigger.data,
        conversationId: trigger.data.conversationId ? String(trigger.data.conversationId) : null,
        causationId: cause.id,
        depth: cause.depth,
        actor: 'system',
        ...(loop ? { reason: loop, finishedAt: systemClock.now() } : {}),
      });
      if (!row || loop) continue;
      queued += 1;
      await send(row.documentId);
    }
    return queued;
  }

  /** Subscribers do their work beside the publisher's, never in its way; stop() waits for it. */
  function track(work: Promise<unknown>): void {
    const tracked = work.catch((error) => strapi.log.error(`[automations] a trigger was not queued: ${error}`));
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  }

  const inScope = (automation: AutomationRow, context: RunContext): boolean => {
    const scope = automation.scope ?? { type: 'global' };
    if (scope.type === 'client') return context.clientId === scope.id;
    if (scope.type === 'sitter') return context.sitterId !== null && String(context.sitterId) === String(scope.id);
    return true;
  };

  /** Renders each action for a test, or performs it for a live run (inside the caller's transaction). */
  async function perform(automation: AutomationRow, context: RunContext, live: boolean, onCommit: (fn: () => unknown) => void): Promise<{ results: ActionResult[]; errors: string[]; smsSent: number }> {
    // A message the policy holds back stays stored (blocked, with its violation for the owner): the run stops there,
    // failed, and the actions after it do not run.
    const results: ActionResult[] = [];
    const errors: string[] = [];
    let smsSent = 0;
    const actor = { kind: 'automation' as const, id: automation.documentId, displayName: automation.name };
    for (const [i, action] of automation.actions.entries()) {
      const n = i + 1;
      try {
        if (action.type === 'send_sms') {
          const text = renderTemplate(action.template, context.variables);
          const wouldSend = { from: context.from, fromLabel: context.fromLabel, to: context.to, text };
          if (!context.conversationId) {
            if (live || !context.sample) throw new ActionFailure('No thread to send from: this context has no client thread yet.');
            results.push({ n, type: action.type, text: `Would send: "${text}"`, result: 'would_run', wouldSend });
            continue;
          }
          if (!live) {
            results.push({ n, type: action.type, text: `Would send from ${context.fromLabel}: "${text}"`, result: 'would_run', wouldSend });
            continue;
          }
          const message = await of.clientThreads().sendAutomated({ conversationId: Number(context.conversationId), text, actor, reason: `Automation "${automation.name}" (version ${automation.version})` });
          if (message.state === 'blocked') {
            const sentence = `Not sent: the anti-poaching policy held the message back. ${message.notice ?? ''}`.trim();
            results.push({ n, type: action.type, text: `Not sent: "${text}"`, result: 'blocked', wouldSend, messageId: message.id, error: sentence });
            errors.push(`Action ${n}: ${sentence}`);
            break;
          }
          smsSent += 1;
          results.push({ n, type: action.type, text: `Sent from ${context.fromLabel}: "${text}"`, result: 'done', wouldSend, messageId: message.id });
        } else if (action.type === 'create_task') {
          const text = renderTemplate(action.text, context.variables);
          if (!live) {
            results.push({ n, type: action.type, text: `Would create a task: "${text}"`, result: 'would_run' });
            continue;
          }
          const noticeId = context.conversationId ? await of.clientThreads().staffNotice(Number(context.conversationId), `Task from "${automation.name}": ${text}`) : undefined;
          const event = {
            type: EVENTS.task,
            source: PLUGIN,
            at: systemClock.now().toISOString(),
            subject: { type: 'automation', id: automation.documentId },
            ...(context.conversationId ? { conversationId: context.conversationId } : {}),
            data: { title: `Task: ${text}`, text, automationId: automation.documentId, automationName: automation.name, conversationId: context.conversationId, bookingId: context.bookingId },
          };
          onCommit(() => publishDomainEvent(strapi, event));
          results.push({ n, type: action.type, text: `Task created: "${text}"`, result: 'done', ...(noticeId ? { messageId: noticeId } : {}) });
        } else {
          if (!context.bookingId) throw new ActionFailure("No booking in this context: the booking's status cannot change.");
          if (!live) {
            results.push({ n, type: action.type, text: `Would set the booking's status to ${action.status}`, result: 'would_run' });
            continue;
          }
          await strapi.documents(BOOKING_UID as any).update({ documentId: context.bookingId, data: { status: action.status } as any });
          results.push({ n, type: action.type, text: `Booking status set to ${action.status}`, result: 'done' });
        }
      } catch (error) {
        const sentence = error instanceof Error ? error.message : String(error);
        if (!results.some((r) => r.n === n)) results.push({ n, type: action.type, text: actionText(action), result: 'failed', error: sentence });
        errors.push(`Action ${n}: ${sentence}`);
        if (live) throw new ActionFailure(sentence, results);
      }
    }
    return { results, errors, smsSent };
  }

  /** The rest of the actions after one failed: not run. */
  const skippedAfter = (automation: AutomationRow, results: ActionResult[]): ActionResult[] => [
    ...results,
    ...automation.actions.slice(results.length).map((a, i) => ({ n: results.length + i + 1, type: a.type, text: actionText(a), result: 'skipped' as const })),
  ];

  async function failed(exec: ExecutionRow, automation: AutomationRow, patch: Partial<ExecutionRow>, error: string): Promise<void> {
    const at = systemClock.now();
    await executions().finish(exec.id, { ...patch, status: 'failed', error });
    const failures = await automations().recordOutcome(automation, false, at);
    const threshold = (await settings().get()).failureThreshold;
    const paused = breakerTrips(failures, threshold) && (await automations().selfPause(automation, selfPauseReason(failures)));
    await publishDomainEvent(strapi, {
      type: EVENTS.automationFailed,
      source: PLUGIN,
      at: at.toISOString(),
      subject: { type: 'automation', id: automation.documentId },
      ...(exec.conversationId ? { conversationId: exec.conversationId } : {}),
      data: {
        title: paused ? `Automation paused: ${automation.name}` : `Automation failed: ${automation.name}`,
        automationId: automation.documentId,
        automationName: automation.name,
        executionId: exec.documentId,
        error,
        consecutiveFailures: failures,
        paused,
        ...(paused ? { reason: selfPauseReason(failures) } : {}),
      },
    });
  }

  const api = {
    causation,

    /** Runs one queued execution (the queue's worker). Answers its final status, or null when another worker had it. */
    async run(executionId: string): Promise<ExecutionRow['status'] | null> {
      const exec = await executions().claim(executionId);
      if (!exec) return null;
      const automation = await automations().stored(exec.automationId).catch(() => null);
      if (!automation) {
        await executions().finish(exec.id, { status: 'failed', error: SENTENCES.notFound });
        return 'failed';
      }
      if (automation.status !== 'active') {
        await executions().finish(exec.id, { status: 'skipped', reason: `Not run: the automation is ${automation.status} (disabled automations never execute).` });
        return 'skipped';
      }
      const version = { version: automation.version, definitionHash: automation.definitionHash };
      let context: RunContext;
      try {
        context = await contexts().build({ type: exec.triggerType, subject: { type: exec.subjectType, id: exec.subjectId }, at: new Date(exec.triggerAt).toISOString(), data: exec.triggerData ?? {} });
      } catch (error) {
        const sentence = error instanceof ContextError ? error.message : `The trigger's context could not be read: ${error}`;
        await failed(exec, automation, version, sentence);
        return 'failed';
      }
      const seen = { ...version, context: context.variables, clientId: context.clientId, conversationId: context.conversationId };
      if (!inScope(automation, context)) {
        await executions().finish(exec.id, { ...seen, status: 'skipped', reason: `Skipped: outside the automation's scope (${automation.scope.type} ${automation.scope.id}).` });
        return 'skipped';
      }
      const { matched, results: conditionResults } = evaluateConditions(automation.conditions, context.variables, automation.triggerType);
      if (!matched) {
        await executions().finish(exec.id, { ...seen, conditionResults, matched, status: 'skipped', reason: 'Skipped: the conditions did not match.', actionResults: skippedAfter(automation, []) });
        await automations().recordOutcome(automation, true, systemClock.now());
        return 'skipped';
      }
      const sends = automation.actions.some((a) => a.type === 'send_sms');
      if (sends) {
        const zone = (await of.organisation().get()).timeZone;
        const limits = await settings().get();
        const until = quietUntil(systemClock.now(), zone, limits.quietHours);
        if (until) {
          const reason = `Waiting for the end of quiet hours (${until.toISOString()}).`;
          await executions().requeue(exec.id, until, reason);
          await send(exec.documentId, until);
          return 'queued';
        }
        if (context.clientId) {
          const cap = limits.clientDailyCap;
          const capped = frequencyCapReason(await executions().smsToClientSince(context.clientId, new Date(+systemClock.now() - 24 * 3_600_000)), cap);
          if (capped) {
            await executions().finish(exec.id, { ...seen, conditionResults, matched, status: 'skipped', reason: capped, actionResults: skippedAfter(automation, []) });
            return 'skipped';
          }
        }
      }
      let outcome: { results: ActionResult[]; errors: string[]; smsSent: number };
      try {
        // The actions run in one transaction, under this run's causation: an event they cause (a booking's status)
        // knows it came from here, so a chain of automations is cut at the depth limit.
        outcome = await causation.run({ id: exec.causationId, depth: exec.depth }, () => strapi.db.transaction(({ onCommit }) => perform(automation, context, true, onCommit)));
      } catch (error) {
        const sentence = error instanceof Error ? error.message : String(error);
        const results = error instanceof ActionFailure ? error.results.map((r) => (r.result === 'done' ? { ...r, result: 'skipped' as const, text: `Undone: ${r.text}` } : r)) : [];
        await failed(exec, automation, { ...seen, conditionResults, matched, actionResults: skippedAfter(automation, results) }, sentence);
        return 'failed';
      }
      if (outcome.errors.length > 0) {
        await failed(exec, automation, { ...seen, conditionResults, matched, actionResults: skippedAfter(automation, outcome.results), smsSent: outcome.smsSent }, outcome.errors.join(' '));
        return 'failed';
      }
      const at = systemClock.now();
      await executions().finish(exec.id, { ...seen, conditionResults, matched, status: 'success', actionResults: outcome.results, smsSent: outcome.smsSent });
      await automations().recordOutcome(automation, true, at);
      await publishDomainEvent(strapi, {
        type: EVENTS.automationExecuted,
        source: PLUGIN,
        at: at.toISOString(),
        subject: { type: 'automation', id: automation.documentId },
        ...(context.conversationId ? { conversationId: context.conversationId } : {}),
        data: { title: `Automation ran: ${automation.name}`, automationId: automation.documentId, automationName: automation.name, executionId: exec.documentId, actions: outcome.results.map((r) => r.text) },
      });
      return 'success';
    },

    /**
     * POST /automations/:id/test (OPS §3.6 "Test Automation"): the same steps on a chosen context (or the catalogue's
     * samples), with every condition's value, every action it would take and every rendered message — nothing sent,
     * nothing written except its own log row, which activation reads.
     */
    async test(id: string, input: TestInput, staff: Staff | null): Promise<TestResult> {
      const automation = await automations().stored(id);
      if (automation.status === 'archived') throw new ConflictError(SENTENCES.archived);
      const trigger = await testTrigger(automation.triggerType, input.context ?? {});
      const context = trigger ? await contexts().build(trigger).catch((error) => {
        throw error instanceof ContextError ? new NotFoundError(error.message) : error;
      }) : contexts().sample(automation.triggerType, input.context?.messageText ? { 'message.body': input.context.messageText } : {});
      const { matched, results: conditions } = evaluateConditions(automation.conditions, context.variables, automation.triggerType);
      const { results, errors } = await perform(automation, context, false, () => undefined);
      const scoped = inScope(automation, context) || !trigger;
      const actions = matched && scoped ? results : results.map((r) => ({ ...r, result: r.result === 'would_run' ? ('skipped' as const) : r.result }));
      const ok = errors.length === 0;
      const row = await executions().insert({
        automationId: automation.documentId,
        version: automation.version,
        definitionHash: automation.definitionHash,
        mode: 'test',
        status: ok ? 'success' : 'failed',
        triggerType: automation.triggerType,
        subjectType: trigger?.subject.type ?? 'sample',
        subjectId: trigger?.subject.id ?? 'sample',
        triggerAt: systemClock.now(),
        triggerData: trigger?.data ?? {},
        clientId: context.clientId,
        conversationId: context.conversationId,
        context: context.variables,
        conditionResults: conditions,
        matched,
        actionResults: actions,
        reason: !scoped ? "This context is outside the automation's scope; a live run would skip it." : matched ? null : 'The conditions do not match this context; a live run would skip it.',
        error: ok ? null : errors.join(' '),
        causationId: randomUUID(),
        depth: 0,
        actor: staff?.displayName ?? 'system',
        finishedAt: systemClock.now(),
      });
      return { ok, version: automation.version, matched: matched && scoped, conditions, actions, errors, executionId: row.documentId, contextText: context.text };
    },

    /** POST /automations/templates/preview: the rendered text and the number it would leave from. */
    async preview(input: PreviewInput): Promise<TemplatePreview> {
      const check = checkTemplate(input.body, input.triggerType);
      if (!check.ok) throw new ValidationError(check.kind === 'undefined' ? SENTENCES.undefinedVariables(check.names) : check.message);
      const trigger = input.context?.bookingId ? await testTrigger(input.triggerType, { bookingId: input.context.bookingId }) : null;
      const context = trigger ? await contexts().build(trigger) : contexts().sample(input.triggerType, input.variables ?? {});
      if (!trigger && input.variables) Object.assign(context.variables, input.variables);
      let bodyText: string;
      try {
        bodyText = renderTemplate(input.body, context.variables);
      } catch (error) {
        throw new ValidationError(error instanceof Error ? error.message : String(error));
      }
      return { bodyText, from: { e164: context.from, label: context.fromLabel } };
    },

    /** Every minute, once across nodes: window triggers whose instant came, and runs left waiting (a node that died). */
    async sweep(now: Date = systemClock.now()): Promise<number> {
      let queued = 0;
      const lookback = defaults.automationWindowLookbackMinutes * 60_000;
      for (const type of ['window.starting', 'window.ended'] as const) {
        const edge = WINDOW_EDGE[type]!;
        for (const automation of await automations().activeFor(type)) {
          const offset = (automation.trigger.offsetMinutes ?? 0) * 60_000;
          const since = Math.max(+now - lookback, automation.activatedAt ? +new Date(automation.activatedAt) : 0);
          // The instant is the edge plus the offset: edges in (since - offset, now - offset] are due.
          for (const window of await of.windows().edgesBetween(edge, new Date(since - offset), new Date(+now - offset))) {
            const edgeAt = new Date(edge === 'start' ? window.startsAt : window.endsAt);
            queued += await enqueue(
              {
                type,
                subject: { type: 'assignment_window', id: window.documentId },
                at: new Date(+edgeAt + offset).toISOString(),
                data: { windowId: window.documentId, conversationId: String(window.conversationId), sitterId: Number(window.sitterId), edgeAt: edgeAt.toISOString() },
              },
              `window:${window.documentId}:${edge}:${edgeAt.toISOString()}`,
              [automation],
            );
          }
        }
      }
      for (const waiting of await executions().waiting(now, 60_000)) {
        if (waiting.status === 'running') await executions().release(waiting.documentId);
        await send(waiting.documentId);
      }
      return queued;
    },

    /** A domain event below became a trigger: queued beside the publisher's work (never in its way). */
    heard(trigger: TriggerRef, key: string): void {
      track(enqueue(trigger, key));
    },

    /** For tests and the seed: the trigger's runs are queued (awaited, not tracked). */
    enqueue,

    async start(): Promise<void> {
      await executions().ensureIndexes();
      const env = loadEnv();
      if (!env.DATABASE_URL) return;
      boss = await startJobQueue(env.DATABASE_URL);
      boss.once('stopped', () => {
        boss = null;
      });
      await boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, policy: 'standard' });
      await boss.work<{ executionId: string }>(RUN_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 4 }, async (jobs) => {
        for (const job of jobs) {
          const data = typeof job.data === 'string' ? JSON.parse(job.data) : job.data;
          await api.run(data.executionId).catch((error) => strapi.log.error(`[automations] execution ${data.executionId} stopped: ${error}`));
        }
      });
      await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'singleton' });
      await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
        await api.sweep();
      });
      if (env.TIMED_SWEEPS) await boss.schedule(SWEEP_QUEUE, '* * * * *');
      else await boss.unschedule(SWEEP_QUEUE);
    },

    async stop(): Promise<void> {
      await Promise.allSettled([...inFlight]);
      boss = null;
      await stopJobQueue();
    },

    /** Waits until queued runs are done (the seed and tests). */
    async settled(timeoutMs = 15_000): Promise<void> {
      await Promise.allSettled([...inFlight]);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await strapi.db.connection(EXECUTION_TABLE).whereIn('status', ['queued', 'running']).whereNull('run_after').count({ n: '*' });
        if (Number(row?.n ?? 0) === 0 || Date.now() > deadline) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };

  /** The trigger a test (or a preview) uses: from a booking, a thread or a window; null = sample values. */
  async function testTrigger(type: TriggerType, input: NonNullable<TestInput['context']>): Promise<TriggerRef | null> {
    const at = systemClock.now().toISOString();
    let bookingId = input.bookingId ?? null;
    let conversationId = input.conversationId !== undefined ? String(input.conversationId) : null;
    if (bookingId) {
      const booking = await of.bookings().stored(bookingId);
      if (!booking) throw new NotFoundError(SENTENCES.bookingNotFound);
      conversationId ??= booking.conversationId ? String(booking.conversationId) : null;
    }
    if (WINDOW_EDGE[type]) {
      let windowId = input.windowId ?? null;
      if (!windowId && conversationId) {
        const windows = await of.windows().list({ page: 1, pageSize: 200, conversationId }, systemClock.now());
        windowId = (bookingId ? windows.data.find((w: any) => w.bookingId === bookingId || w.booking === bookingId) : undefined)?.id ?? windows.data[0]?.id ?? null;
      }
      if (!windowId) return input.bookingId || input.conversationId ? Promise.reject(new NotFoundError('This context has no assignment window. Pick a booking with a sitter, or test on sample values.')) : null;
      return { type, subject: { type: 'assignment_window', id: windowId }, at, data: { windowId } };
    }
    if (type === 'message.received') {
      if (!conversationId) return null;
      const record = await of.conversations().findRecord(Number(conversationId));
      if (!record || record.kind !== 'client') throw new NotFoundError(SENTENCES.threadNotFound);
      return { type, subject: { type: 'conversation', id: conversationId }, at, data: { conversationId, clientId: record.clientId ?? null, bodyText: input.messageText ?? String(triggerOf(type).variables.find((v) => v.name === 'message.body')?.sample ?? '') } };
    }
    if (!bookingId && conversationId) {
      const record = await of.conversations().findRecord(Number(conversationId));
      if (!record || record.kind !== 'client') throw new NotFoundError(SENTENCES.threadNotFound);
      const latest = record.clientId ? (await of.bookings().list({ page: 1, pageSize: 50, client: record.clientId })).data.find((b) => String(b.conversationId) === conversationId) : undefined;
      if (!latest) throw new NotFoundError('This thread has no booking to test with. Pick a booking instead.');
      bookingId = latest.id;
    }
    if (!bookingId) return null;
    const booking = (await of.bookings().stored(bookingId))!;
    // A test of a status change reads the booking as it is now, as if it had just changed from confirmed.
    return { type, subject: { type: 'booking', id: bookingId }, at, data: { bookingId, ...(type === 'booking.status_changed' ? { previousStatus: booking.status === 'confirmed' ? null : 'confirmed' } : {}) } };
  }

  return api;
};

export type RunnerService = ReturnType<typeof runner>;
export default runner;
