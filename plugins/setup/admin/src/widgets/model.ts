import type { WizardView } from '../pages/Setup/model';

/** The admin home's setup widget: where setup stands, and whether to offer "Continue setup" (until it is complete). */
export function setupSummary(view: Pick<WizardView, 'mode' | 'ready' | 'current' | 'steps'>): { headline: string; detail: string; tone: 'success' | 'warning' | 'neutral'; continueSetup: boolean } {
  const done = view.steps.filter((s) => s.status === 'complete' || (!s.required && s.status === 'skipped')).length;
  const progress = `${done} of ${view.steps.length} steps done`;
  if (view.mode === 'twilio' && view.ready) return { headline: 'Messaging system is ready!', detail: 'Connected to Twilio; clients can be texted.', tone: 'success', continueSetup: false };
  const next = view.steps.find((s) => s.key === view.current);
  if (view.mode === 'twilio') return { headline: 'Setup incomplete', detail: `${progress}. No SMS goes to clients until it is finished${next ? `; next: ${next.label}` : ''}.`, tone: 'warning', continueSetup: true };
  return { headline: 'Running on the sandbox', detail: `Every page works and no real SMS is sent. Connect Twilio to text real clients (${progress}).`, tone: 'neutral', continueSetup: view.current !== null };
}
