// The setup wizard page's pure rules (OPS §3.9), kept apart from React so they are unit-tested
// (tests/unit/setup-page-model.test.ts). The server decides; these only say how its answers read.

import { batchProgressText, isDone, isStepKey, type BatchProgress, type StepKey, type StepView } from '../../../../server/src/domain/steps';

export { batchProgressText, isStepKey, type BatchProgress, type StepKey };
/** A step as `GET /setup` answers it. */
export type Step = StepView;

export interface Check {
  name: string;
  ok: boolean;
  warning?: boolean;
  detail?: string;
}
export interface NumberResult {
  number: string;
  ok: boolean;
  problem?: string;
}
export interface WizardView {
  mode: 'sandbox' | 'twilio';
  ready: boolean;
  completedAt: string | null;
  current: StepKey | null;
  steps: Step[];
  /** A bulk step's batch while it runs, else null. */
  progress?: BatchProgress | null;
  webhookUrls: { inboundUrl: string; statusUrl: string };
  allowsProviderAddress: boolean;
}
export interface Offer {
  e164: string;
  locality: string | null;
  region: string | null;
  monthlyCost: { amount: string; currency: string };
}

const done = (step: Step) => isDone(step.status, step.required);

/** How a step's state reads in the list of steps. */
export function statusLabel(step: Step): string {
  if (step.status === 'complete') return 'Done';
  if (step.status === 'skipped') return 'Skipped';
  if (step.status === 'failed') return 'Failed';
  return step.required ? 'To do' : 'Optional';
}

/** A step opens once every step before it is done (OPS §3.9 "Cannot proceed to next step until current step is complete"). */
export function isOpen(view: WizardView, key: StepKey): boolean {
  const index = view.steps.findIndex((s) => s.key === key);
  return index >= 0 && view.steps.slice(0, index).every(done);
}

/** The step to show: the one chosen if it is open, else where the wizard resumes, else the last (all done). */
export function shownStep(view: WizardView, chosen: StepKey | null): Step {
  const pick = chosen && isOpen(view, chosen) ? chosen : (view.current ?? view.steps[view.steps.length - 1].key);
  return view.steps.find((s) => s.key === pick)!;
}

/** "Step 3 of 7", or that every step is done. */
export function progressText(view: WizardView): string {
  const current = view.steps.find((s) => s.key === view.current);
  return current ? `Step ${current.n} of ${view.steps.length}: ${current.label}` : `All ${view.steps.length} steps done`;
}

/** What the page says above the steps: the sandbox, a setup under way, or ready. */
export function headline(view: WizardView): { tone: 'success' | 'warning' | 'neutral'; text: string } {
  if (view.mode === 'twilio' && view.ready) return { tone: 'success', text: 'Messaging system is ready!' };
  if (view.mode === 'twilio') return { tone: 'warning', text: 'Setup incomplete. Complete required steps to continue. Until then no SMS goes to clients; inbound SMS are still received.' };
  return { tone: 'neutral', text: 'Switchboard runs on the sandbox: every page works and no real SMS is sent. Connect a Twilio account to text real clients.' };
}

/** A pasted list of numbers or SIDs: one per line, or separated by commas, semicolons or spaces; blanks and repeats dropped. */
export function parseNumberList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

/** "$1.15 a month" (USD) or "1.15 EUR a month". */
export function monthlyCost(cost: { amount: string; currency: string }): string {
  return cost.currency === 'USD' ? `$${cost.amount} a month` : `${cost.amount} ${cost.currency} a month`;
}

/** Where an offered number is, when the provider says. */
export function offerPlace(offer: Offer): string {
  return [offer.locality, offer.region].filter(Boolean).join(', ');
}

/** The checks a step reported (steps 2 and 7), from its saved result. */
export function checksOf(result: unknown): Check[] {
  const checks = (result as { checks?: unknown } | null | undefined)?.checks;
  return Array.isArray(checks) ? (checks as Check[]) : [];
}

/** The per-number results a step reported (steps 4–6), from its saved result. */
export function numberResultsOf(result: unknown): NumberResult[] {
  const numbers = (result as { numbers?: unknown } | null | undefined)?.numbers;
  return Array.isArray(numbers) ? (numbers as NumberResult[]) : [];
}

/** How one check reads: passed, a warning, or failed, with what it found. */
export function checkText(check: Check): string {
  const state = !check.ok ? 'Failed' : check.warning ? 'Warning' : 'Passed';
  return `${check.name}: ${state}${check.detail ? ` (${check.detail})` : ''}`;
}

/** The question before buying (it costs money): "Buy +1 (415) 555-0100 for $1.15 a month?". */
export function buyQuestion(what: string, cost: { amount: string; currency: string } | null): string {
  return cost ? `Buy ${what} for ${monthlyCost(cost)}${/numbers/.test(what) ? ' each' : ''}?` : `Buy ${what}?`;
}
