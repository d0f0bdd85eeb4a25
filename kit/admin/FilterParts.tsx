import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';

/** A day filter of an operations page (From, To): a labelled date field, yyyy-mm-dd or ''. */
export const DayInput = ({ name, label, value, onChange }: { name: string; label: string; value: string; onChange(value: string): void }) => (
  <Box minWidth="10rem">
    <Field.Root name={name}>
      <Field.Label>{label}</Field.Label>
      <TextInput type="date" value={value} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)} />
    </Field.Root>
  </Box>
);

/** Under a feed's table: how many there are, and Previous / "Page n of m" / Next when there is more than one page. */
export const Pager = ({ count, page, pageCount, onPage }: { count: string; page: number; pageCount: number; onPage(page: number): void }) => (
  <Flex gap={4} justifyContent="space-between">
    <Typography textColor="neutral600">{count}</Typography>
    {pageCount > 1 && (
      <Flex gap={2}>
        <Button variant="tertiary" size="S" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <Typography>
          Page {page} of {pageCount}
        </Typography>
        <Button variant="tertiary" size="S" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </Flex>
    )}
  </Flex>
);

/** A labelled choice among `[value, label]` options (a form's or a filter's), with an optional hint under it. */
export const LabelledSelect = ({ label, name, value, onChange, options, hint }: { label: string; name?: string; value: string; onChange(value: string): void; options: Array<[string, string]>; hint?: string }) => (
  <Field.Root name={name ?? label} hint={hint}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect value={value} onChange={(v: string | number) => onChange(String(v))}>
      {options.map(([v, text]) => (
        <SingleSelectOption key={v} value={v}>
          {text}
        </SingleSelectOption>
      ))}
    </SingleSelect>
    {hint && <Field.Hint />}
  </Field.Root>
);
