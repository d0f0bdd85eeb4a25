/** API.md "Profile": the ten Business profile fields, in the dashboard's order, with their labels and hints. Pure. */
export interface ProfileFieldInfo {
  key: string;
  label: string;
  hint: string;
  type: 'text' | 'email' | 'tel' | 'url' | 'textarea';
}

export const BUSINESS_PROFILE_FIELDS: readonly ProfileFieldInfo[] = [
  { key: 'name', label: 'Business name', hint: 'As your clients know it.', type: 'text' },
  { key: 'contactName', label: 'Contact name', hint: 'Who the Admin team should ask for.', type: 'text' },
  { key: 'email', label: 'Email', hint: 'Like owner@example.com.', type: 'email' },
  { key: 'phone', label: 'Phone', hint: 'Any common format, like (415) 555-0123, or +44 20 7946 0958 outside the US and Canada.', type: 'tel' },
  { key: 'address', label: 'Address', hint: '', type: 'text' },
  { key: 'website', label: 'Website', hint: 'A web address starting with https:// or http://', type: 'url' },
  { key: 'description', label: 'Description', hint: 'At least 20 characters about what you do.', type: 'textarea' },
  { key: 'serviceArea', label: 'Service area', hint: 'Neighbourhoods or towns you cover.', type: 'text' },
  { key: 'businessHours', label: 'Business hours', hint: 'Like Mon–Fri 8:00–18:00.', type: 'text' },
  { key: 'logoUrl', label: 'Logo URL', hint: 'The web address of your logo image, starting with https:// or http://', type: 'url' },
];

export const fieldLabel = (key: string): string => BUSINESS_PROFILE_FIELDS.find((f) => f.key === key)?.label ?? key;

/**
 * The PUT /api/profile body: the fields the person changed from what is saved, trimmed; a saved field they
 * emptied is sent as null (cleared). Unknown keys are never sent.
 */
export function profilePatch(values: Record<string, string>, saved: Record<string, string | null> = {}): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const field of BUSINESS_PROFILE_FIELDS) {
    if (!(field.key in values)) continue;
    const value = values[field.key]?.trim() ?? '';
    const before = saved[field.key] ?? '';
    if (value === before) continue;
    patch[field.key] = value === '' ? null : value;
  }
  return patch;
}

/**
 * A 400 from PUT /api/profile (kit's parseInput: `details.errors` lists every problem by path) as one sentence per
 * field, or null when the refusal is not about particular fields.
 */
export function fieldProblems(details: unknown): Record<string, string> | null {
  const errors = (details as { errors?: { path?: unknown; message?: unknown }[] } | null | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const problems: Record<string, string> = {};
  for (const error of errors) {
    const field = BUSINESS_PROFILE_FIELDS.find((f) => f.key === error.path);
    if (!field || typeof error.message !== 'string') return null;
    problems[field.key] ??= error.message;
  }
  return problems;
}

/** The patch without the fields the server refused: what can still be saved. */
export const withoutRefused = (patch: Record<string, string | null>, refused: Record<string, string>): Record<string, string | null> =>
  Object.fromEntries(Object.entries(patch).filter(([key]) => !(key in refused)));

const listOf = (labels: string[]) => (labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`);

/** What the form says after a save where some fields were refused: what was saved, what was not, and what to do. */
export function partialSaveSentence(savedKeys: string[], refused: Record<string, string>): string {
  const inOrder = (keys: string[]) => BUSINESS_PROFILE_FIELDS.filter((f) => keys.includes(f.key)).map((f) => f.label);
  const notSaved = inOrder(Object.keys(refused));
  const fix = `Correct ${notSaved.length === 1 ? 'it' : 'them'} and save again.`;
  if (savedKeys.length === 0) return `Nothing was saved: ${listOf(notSaved)} ${notSaved.length === 1 ? 'needs' : 'need'} a change. ${fix}`;
  return `Saved ${listOf(inOrder(savedKeys))}. ${listOf(notSaved)} ${notSaved.length === 1 ? 'was' : 'were'} not saved. ${fix}`;
}
