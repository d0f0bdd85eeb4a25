import { Liquid } from 'liquidjs';
import type { TriggerType } from '../../../shared/contracts';
import { variablesOf } from './catalogue';
import type { Variables } from './conditions';

/**
 * Message templates (OPS §3.6 "Templates"; STYLE.md: liquidjs): `{{ client.firstName }}` and Liquid's filters and
 * tags, strict — a variable the trigger does not give is refused before activation and never renders as blank.
 * Limits keep a template from costing more than a message.
 */
const engine = new Liquid({ strictVariables: true, ownPropertyOnly: true, parseLimit: 10_000, renderLimit: 200, memoryLimit: 100_000 });

export type TemplateCheck = { ok: true } | { ok: false; kind: 'syntax'; message: string } | { ok: false; kind: 'undefined'; names: string[] };

/** The variables a template reads that its trigger does not give, or its syntax error. */
export function checkTemplate(template: string, trigger: TriggerType): TemplateCheck {
  let used: string[];
  try {
    used = engine.globalFullVariablesSync(template);
  } catch (error) {
    return { ok: false, kind: 'syntax', message: syntaxSentence(error) };
  }
  const known = new Set(variablesOf(trigger).map((v) => v.name));
  const unknown = [...new Set(used.filter((name) => !known.has(name)))];
  return unknown.length > 0 ? { ok: false, kind: 'undefined', names: unknown } : { ok: true };
}

function syntaxSentence(error: unknown): string {
  const detail = error instanceof Error ? error.message.split(', line:')[0] : String(error);
  return `The template cannot be read: ${detail}. Check its {{ }} and {% %} tags.`;
}

/** Flat names ("client.firstName") as the nested object Liquid reads. */
export function nest(variables: Variables): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const [name, value] of Object.entries(variables)) {
    const parts = name.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = node[part] ??= {};
    node[parts[parts.length - 1]] = value ?? '';
  }
  return root;
}

/** Renders a template with a run's variables; throws with a sentence when it reads something missing. */
export function renderTemplate(template: string, variables: Variables): string {
  try {
    return engine.parseAndRenderSync(template, nest(variables)).trim();
  } catch (error) {
    const missing = /undefined variable: ([\w.]+)/.exec(error instanceof Error ? error.message : '');
    if (missing) throw new Error(`Template uses undefined variables: ${missing[1]}. Define variables first.`);
    throw new Error(syntaxSentence(error));
  }
}
