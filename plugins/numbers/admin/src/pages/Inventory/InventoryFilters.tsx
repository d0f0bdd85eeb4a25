import { Box, Button, Checkbox, Field, Flex, MultiSelect, MultiSelectOption, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import type { Health, NumberClass, NumberStatus, SitterNumber } from '../../../../shared/contracts';
import { CLASS_LABEL, HEALTH_LABEL, STATUS_LABEL } from './labels';

/** The inventory's filters (OPS §3.1), as the page holds them; queryOf turns them into GET /numbers' query. */
export interface Filters {
  numberClass: string[];
  status: string[];
  sitterUserId: string;
  unassigned: boolean;
  client: string;
  health: string;
  usage: string;
}
export const NO_FILTERS: Filters = { numberClass: [], status: [], sitterUserId: '', unassigned: false, client: '', health: '', usage: '' };

export function queryOf(f: Filters): string {
  const q = new URLSearchParams();
  if (f.numberClass.length) q.set('numberClass', f.numberClass.join(','));
  if (f.status.length) q.set('status', f.status.join(','));
  if (f.sitterUserId) q.set('sitterUserId', f.sitterUserId);
  if (f.unassigned) q.set('unassigned', 'true');
  if (f.client.trim()) q.set('client', f.client.trim());
  if (f.health) q.set('health', f.health);
  if (f.usage) q.set('usage', f.usage);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The filter bar: class, status, sitter, health, usage, client, unassigned pool numbers. */
export const InventoryFilters = ({
  filters,
  sitters,
  onChange,
  onClear,
}: {
  filters: Filters;
  sitters: SitterNumber[];
  onChange(patch: Partial<Filters>): void;
  onClear(): void;
}) => (
  <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
    <Flex gap={3} wrap="wrap" alignItems="flex-end">
      <Field.Root name="class">
        <Field.Label>Class</Field.Label>
        <MultiSelect value={filters.numberClass} placeholder="All classes" onChange={(v: string[]) => onChange({ numberClass: v })} withTags={false}>
          {(Object.keys(CLASS_LABEL) as NumberClass[]).map((c) => (
            <MultiSelectOption key={c} value={c}>
              {CLASS_LABEL[c]}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      </Field.Root>
      <Field.Root name="status">
        <Field.Label>Status</Field.Label>
        <MultiSelect value={filters.status} placeholder="All statuses" onChange={(v: string[]) => onChange({ status: v })} withTags={false}>
          {(Object.keys(STATUS_LABEL) as NumberStatus[]).map((s) => (
            <MultiSelectOption key={s} value={s}>
              {STATUS_LABEL[s]}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      </Field.Root>
      <Field.Root name="sitter">
        <Field.Label>Assigned to sitter</Field.Label>
        <SingleSelect value={filters.sitterUserId} placeholder="Any sitter" onClear={() => onChange({ sitterUserId: '' })} onChange={(v: string | number) => onChange({ sitterUserId: String(v) })}>
          {sitters.map((s) => (
            <SingleSelectOption key={s.userId} value={String(s.userId)}>
              {s.displayName}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Field.Root name="health">
        <Field.Label>Health</Field.Label>
        <SingleSelect value={filters.health} placeholder="All" onClear={() => onChange({ health: '' })} onChange={(v: string | number) => onChange({ health: String(v) })}>
          {(Object.keys(HEALTH_LABEL) as Health[]).map((h) => (
            <SingleSelectOption key={h} value={h}>
              {HEALTH_LABEL[h]}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Field.Root name="usage">
        <Field.Label>Usage</Field.Label>
        <SingleSelect value={filters.usage} placeholder="Any" onClear={() => onChange({ usage: '' })} onChange={(v: string | number) => onChange({ usage: String(v) })}>
          <SingleSelectOption value="24h">Used in the last 24 hours</SingleSelectOption>
          <SingleSelectOption value="7d">Used in the last 7 days</SingleSelectOption>
          <SingleSelectOption value="30d">Used in the last 30 days</SingleSelectOption>
          <SingleSelectOption value="never">Never used</SingleSelectOption>
          <SingleSelectOption value="high">High volume (over 100 in 7 days)</SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      <Field.Root name="client">
        <Field.Label>Assigned to client</Field.Label>
        <TextInput placeholder="Client name or phone" value={filters.client} onChange={(e: any) => onChange({ client: e.target.value })} />
      </Field.Root>
      <Checkbox checked={filters.unassigned} onCheckedChange={(c: boolean | 'indeterminate') => onChange({ unassigned: c === true })}>
        Unassigned pool numbers
      </Checkbox>
      <Button variant="tertiary" onClick={onClear}>
        Clear filters
      </Button>
    </Flex>
  </Box>
);
