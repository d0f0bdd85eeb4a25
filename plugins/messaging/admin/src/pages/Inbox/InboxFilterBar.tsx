import { useEffect, useRef, useState } from 'react';
import { Checkbox, Field, Flex, SingleSelect, SingleSelectOption, TextInput, VisuallyHidden } from '@strapi/design-system';
import { KIND_LABELS, type ConversationKind, type SitterOption, type StaffDirectory } from '../../api';
import { ALL, FLAGS, type Assigned, type Flag, type InboxFilters, type Sort } from './inbox-url';

/**
 * The inbox's filters in little height (issue 13 item 7): a search box, then kind and business side by side, then
 * "Unread only" beside the sort. The labels are there for screen readers; each select's first option says what it is.
 * Client threads also filter by assignment and by sitter (issue 16 item 5): that row shows once the kind is "Client SMS"
 * (or either filter is in the URL), so the other kinds keep the short bar; the sitter picker shows when this admin may
 * list sitters (GET /people/sitters).
 */
export function InboxFilterBar({
  filters,
  directory,
  sitters,
  onChange,
}: {
  filters: InboxFilters;
  directory: StaffDirectory | null;
  sitters: SitterOption[] | null;
  onChange(change: Partial<InboxFilters>): void;
}) {
  // A sitter in the URL who is not in the list (deactivated, or the list is loading) still shows as chosen.
  const showAssignment = filters.kind === 'client' || filters.assigned !== ALL || filters.sitterId !== ALL || filters.flag !== ALL;
  const sitterOptions = sitters && filters.sitterId !== ALL && !sitters.some((s) => s.id === filters.sitterId) ? [...sitters, { id: filters.sitterId, displayName: `Sitter #${filters.sitterId}`, active: true }] : sitters;
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
      {showAssignment && (
        <Flex gap={2} alignItems="stretch" data-testid="assignment-filters">
          <Field.Root name="assigned" style={{ flex: 1, minWidth: 0 }}>
            <VisuallyHidden>
              <Field.Label>Assigned</Field.Label>
            </VisuallyHidden>
            <SingleSelect size="S" value={filters.assigned} onChange={(v: string | number) => onChange({ assigned: String(v) as Assigned })}>
              <SingleSelectOption value={ALL}>Assigned or not</SingleSelectOption>
              <SingleSelectOption value="assigned">Sitter assigned</SingleSelectOption>
              <SingleSelectOption value="unassigned">No sitter assigned</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          {sitterOptions && (
            <Field.Root name="sitter" style={{ flex: 1, minWidth: 0 }}>
              <VisuallyHidden>
                <Field.Label>Sitter</Field.Label>
              </VisuallyHidden>
              <SingleSelect size="S" value={filters.sitterId} onChange={(v: string | number) => onChange({ sitterId: String(v) })}>
                <SingleSelectOption value={ALL}>All sitters</SingleSelectOption>
                {sitterOptions.map((s) => (
                  <SingleSelectOption key={s.id} value={s.id}>
                    {s.active ? s.displayName : `${s.displayName} (inactive)`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          )}
          <Field.Root name="flag" style={{ flex: 1, minWidth: 0 }}>
            <VisuallyHidden>
              <Field.Label>Flag</Field.Label>
            </VisuallyHidden>
            <SingleSelect size="S" value={filters.flag} onChange={(v: string | number) => onChange({ flag: (FLAGS as readonly string[]).includes(String(v)) ? (v as Flag) : ALL })}>
              <SingleSelectOption value={ALL}>Flagged or not</SingleSelectOption>
              <SingleSelectOption value="violation">Open policy violation</SingleSelectOption>
              <SingleSelectOption value="delivery_failure">Failed delivery</SingleSelectOption>
              <SingleSelectOption value="quarantined">Texted a quarantined number</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
        </Flex>
      )}
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
