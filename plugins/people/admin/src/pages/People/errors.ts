import { errorSentence } from '@switchboard/kit/admin';

/** The refusal of a form, as the form shows it: one sentence per field (by the server's path), and the overall sentence. */
export interface FormRefusal {
  fields: Record<string, string>;
  message: string;
}

interface ErrorBody {
  status?: number;
  message?: string;
  details?: { errors?: Array<{ path?: string | string[]; message?: string }> };
}

/**
 * Reads the server's error envelope (`{ error: { status, message, details: { errors: [{ path, message }] } } }`):
 * each field's first sentence by its top-level name; `conflicts` names the field a 409 is about (a phone already taken).
 */
export function formRefusal(error: unknown, conflicts?: string): FormRefusal {
  const body = (error as { response?: { data?: { error?: ErrorBody } } } | null)?.response?.data?.error;
  const fields: Record<string, string> = {};
  for (const problem of body?.details?.errors ?? []) {
    const path = Array.isArray(problem.path) ? problem.path.join('.') : (problem.path ?? '');
    const field = path.split('.')[0];
    if (field && problem.message && !fields[field]) fields[field] = problem.message;
  }
  const message = errorSentence(error);
  if (body?.status === 409 && conflicts && Object.keys(fields).length === 0) fields[conflicts] = message;
  return { fields, message };
}

/** Moves the keyboard to the first field the server refused, in the form's own order (found by its name). */
export function focusFirstError(form: HTMLElement | null, order: readonly string[], fields: Record<string, string>): void {
  const first = order.find((name) => fields[name]);
  if (!form || !first) return;
  form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
}

/** Required fields left blank, as the server would word them ("First name is required."), so no request is needed. */
export function blankRequired(values: Record<string, string>, required: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(required)
      .filter(([field]) => !values[field]?.trim())
      .map(([field, label]) => [field, `${label} is required.`]),
  );
}
