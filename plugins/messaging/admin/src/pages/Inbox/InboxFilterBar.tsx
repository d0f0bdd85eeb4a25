import { useEffect, useRef, useState } from 'react';
import { Checkbox, Field, Flex, SingleSelect, SingleSelectOption, TextInput, VisuallyHidden } from '@strapi/design-system';
import { KIND_LABELS, type ConversationKind, type StaffDirectory } from '../../api';
import { ALL, type InboxFilters, type Sort } from './inbox-url';

/**
 * The inbox's filters in little height (issue 13 item 7): a search box, then kind and business side by side, then
 * "Unread only" beside the sort. The labels are there for screen readers; each select's first option says what it is.
 */
export function InboxFilterBar({ filters, directory, onChange }: { filters: InboxFilters; directory: StaffDirectory | null; onChange(change: Partial<InboxFilters>): void }) {
  const [search, setSearch] = useState(filters.q);
  const typed = useRef(false);

  // Back, Forward or a link change the query: the box follows the URL unless the user is typing.
  useEffect(() => {
    if (!typed.current) setSearch(filters.q);
  }, [filters.q]);

  // The search box waits for a pause in typing before it changes the URL (and so asks the server).
  useEffect(() => {
    if (!typed.current) return undefined;
    const t = setTimeout(() => {
      typed.current = false;
      if (search.trim() !== filters.q) onChange({ q: search.trim() });
    }, 300);
    return () => clearTimeout(t);
  }, [search, filters.q, onChange]);

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="inbox-filters">
      <Field.Root name="search">
        <VisuallyHidden>
          <Field.Label>Search names, phone numbers and messages</Field.Label>
        </VisuallyHidden>
        <TextInput
          value={search}
          placeholder="Search names, phone numbers and messages"
          onChange={(e: any) => {
            typed.current = true;
            setSearch(e.target.value);
          }}
        />
      </Field.Root>
      <Flex gap={2} alignItems="stretch">
        <Field.Root name="kind" style={{ flex: 1, minWidth: 0 }}>
          <VisuallyHidden>
            <Field.Label>Kind</Field.Label>
          </VisuallyHidden>
          <SingleSelect size="S" value={filters.kind} onChange={(v: string | number) => onChange({ kind: String(v) })}>
            <SingleSelectOption value={ALL}>All kinds</SingleSelectOption>
            {(Object.keys(KIND_LABELS) as ConversationKind[]).map((k) => (
              <SingleSelectOption key={k} value={k}>
                {KIND_LABELS[k]}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="business" style={{ flex: 1, minWidth: 0 }}>
          <VisuallyHidden>
            <Field.Label>Business</Field.Label>
          </VisuallyHidden>
          <SingleSelect size="S" value={filters.businessId} onChange={(v: string | number) => onChange({ businessId: String(v) })}>
            <SingleSelectOption value={ALL}>All businesses</SingleSelectOption>
            {(directory?.businesses ?? []).map((b) => (
              <SingleSelectOption key={b.id} value={b.id}>
                {b.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Flex>
      <Flex gap={2} justifyContent="space-between" alignItems="center">
        <Checkbox checked={filters.unreadOnly} onCheckedChange={(v: boolean | 'indeterminate') => onChange({ unreadOnly: v === true })}>
          Unread only
        </Checkbox>
        <Field.Root name="sort" style={{ minWidth: 160 }}>
          <VisuallyHidden>
            <Field.Label>Sort</Field.Label>
          </VisuallyHidden>
          <SingleSelect size="S" value={filters.sort} onChange={(v: string | number) => onChange({ sort: v as Sort })}>
            <SingleSelectOption value="recent">Recent activity</SingleSelectOption>
            <SingleSelectOption value="unread">Unread first</SingleSelectOption>
          </SingleSelect>
        </Field.Root>
      </Flex>
    </Flex>
  );
}
