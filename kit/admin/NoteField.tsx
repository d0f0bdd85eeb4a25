import { Field, Textarea } from '@strapi/design-system';

/** The optional note a confirmation carries into the audit log ("Note", with a hint saying what it is for). */
export const NoteField = ({ value, onChange, hint, maxLength }: { value: string; onChange(value: string): void; hint: string; maxLength: number }) => (
  <Field.Root name="note" hint={hint}>
    <Field.Label>Note</Field.Label>
    <Textarea value={value} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)} maxLength={maxLength} />
    <Field.Hint />
  </Field.Root>
);
