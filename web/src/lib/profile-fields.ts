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
  { key: 'email', label: 'Email', hint: 'like owner@example.com', type: 'email' },
  { key: 'phone', label: 'Phone', hint: 'International format, like +14155550123.', type: 'tel' },
  { key: 'address', label: 'Address', hint: '', type: 'text' },
  { key: 'website', label: 'Website', hint: 'Starting with https://', type: 'url' },
  { key: 'description', label: 'Description', hint: 'At least 20 characters about what you do.', type: 'textarea' },
  { key: 'serviceArea', label: 'Service area', hint: 'Neighbourhoods or towns you cover.', type: 'text' },
  { key: 'businessHours', label: 'Business hours', hint: 'like Mon–Fri 8:00–18:00', type: 'text' },
  { key: 'logoUrl', label: 'Logo URL', hint: 'A web address of your logo image, starting with https://', type: 'url' },
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
