/** OPS §3.9's seven steps (API.md "Setup and system settings"), in order; optional ones may be skipped. */
export const STEPS = [
  { n: 1, key: 'connect_provider', label: 'Connect provider', required: true },
  { n: 2, key: 'verify_connectivity', label: 'Verify connectivity', required: true },
  { n: 3, key: 'front_desk_number', label: 'Front Desk number', required: true },
  { n: 4, key: 'sitter_numbers', label: 'Sitter numbers', required: false },
  { n: 5, key: 'pool_numbers', label: 'Pool numbers', required: false },
  { n: 6, key: 'webhooks', label: 'Webhook installation', required: true },
  { n: 7, key: 'readiness', label: 'System readiness', required: true },
] as const;

export type StepKey = (typeof STEPS)[number]['key'];
export type StepStatus = 'pending' | 'complete' | 'skipped' | 'failed';

export interface SavedStep {
  status: StepStatus;
  problem?: string;
  result?: unknown;
  at: string;
}
export type SavedWizard = Partial<Record<StepKey, SavedStep>>;

export interface StepView {
  n: number;
  key: StepKey;
  label: string;
  status: StepStatus;
  required: boolean;
  problem?: string;
  result?: unknown;
}

/** A bulk step's batch while it runs (GET /setup `progress`): numbers settled so far, those added, and the batch's size. */
export interface BatchProgress {
  step: StepKey;
  done: number;
  added: number;
  total: number;
  at: string;
}

/** "Added 3 of 12 numbers so far (1 failed)…" for the page while a batch runs; null for no batch of this step. Pure. */
export function batchProgressText(progress: BatchProgress | null | undefined, step: StepKey): string | null {
  if (!progress || progress.step !== step) return null;
  const failed = progress.done - progress.added;
  return `Added ${progress.added} of ${progress.total} numbers so far${failed > 0 ? ` (${failed} failed)` : ''}…`;
}

export const isStepKey = (value: unknown): value is StepKey => STEPS.some((s) => s.key === value);

/** A step is done when complete, or skipped if it is optional. */
export const isDone = (status: StepStatus | undefined, required: boolean) => status === 'complete' || (!required && status === 'skipped');

/** The steps as saved; the wizard resumes at the first one not done (`current`). Pure. */
export function wizardView(saved: SavedWizard): { steps: StepView[]; current: StepKey | null } {
  const steps = STEPS.map((s) => ({ n: s.n, key: s.key, label: s.label, required: s.required, status: saved[s.key]?.status ?? 'pending', ...(saved[s.key]?.problem ? { problem: saved[s.key]!.problem } : {}), ...(saved[s.key]?.result !== undefined ? { result: saved[s.key]!.result } : {}) }));
  const current = steps.find((s) => !isDone(s.status, s.required))?.key ?? null;
  return { steps, current };
}

/** OPS §3.9 "Cannot proceed to next step until current step is complete": the first earlier step not done, or null. */
export function blockingStep(key: StepKey, saved: SavedWizard): (typeof STEPS)[number] | null {
  const index = STEPS.findIndex((s) => s.key === key);
  return STEPS.slice(0, index).find((s) => !isDone(saved[s.key]?.status, s.required)) ?? null;
}

/** Every required step complete (the finish). */
export function requiredComplete(saved: SavedWizard): boolean {
  return STEPS.every((s) => !s.required || saved[s.key]?.status === 'complete');
}

/** What a step reopened by a new provider connection says until it runs again. */
export const PROVIDER_CHANGED = 'The provider account changed: run this step again.';

/**
 * A new provider connection (step 1 again, or credentials saved in Provider Settings) voids what steps 2–7 proved on
 * the old one: each that ran opens again, pending, with its result kept (a bulk batch's target; the numbers already in
 * the inventory are re-checked when the step runs again). Pure.
 */
export function reopenLaterSteps(saved: SavedWizard, at: string): SavedWizard {
  const next: SavedWizard = { ...saved };
  for (const s of STEPS.slice(1)) {
    const step = next[s.key];
    if (step) next[s.key] = { status: 'pending', problem: PROVIDER_CHANGED, ...(step.result !== undefined ? { result: step.result } : {}), at };
  }
  return next;
}
