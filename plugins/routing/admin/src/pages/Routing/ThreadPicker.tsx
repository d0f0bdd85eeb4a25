import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Combobox, ComboboxOption, Field, Flex, Typography } from '@strapi/design-system';
/** What this page reads of the staff inbox's `Conversation` (GET /messaging/conversations, API.md). */
interface Conversation {
  id: string;
  title: string;
  number?: { display: string };
}

export interface ThreadChoice {
  id: string;
  /** The client's name (or phone), and the business number they text. */
  title: string;
  number: string | null;
}

const choiceOf = (c: Conversation): ThreadChoice => ({ id: c.id, title: c.title, number: c.number?.display ?? null });

/** Client threads matching what was typed (GET /messaging/conversations?kind=client&q=), asked after a short pause. */
function useThreadSearch(query: string): ThreadChoice[] {
  const { get } = useFetchClient();
  const [threads, setThreads] = useState<ThreadChoice[]>([]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const q = query.trim();
      get<{ data: Conversation[] }>(`/messaging/conversations?kind=client&pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`)
        .then(({ data }) => current && setThreads(data.data.map(choiceOf)))
        .catch(() => current && setThreads([]));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [get, query]);
  return threads;
}

/** The thread a page opened with (`?conversationId=`), named as the inbox names it; "Thread N" if it cannot be found. */
export function useThreadById(id: string | null): ThreadChoice | null {
  const { get } = useFetchClient();
  const [choice, setChoice] = useState<ThreadChoice | null>(null);
  useEffect(() => {
    if (!id) return setChoice(null);
    let current = true;
    setChoice({ id, title: `Thread ${id}`, number: null });
    get<{ data: Conversation[] }>(`/messaging/conversations?kind=client&pageSize=200`)
      .then(({ data }) => {
        const found = data.data.find((c) => c.id === id);
        if (current && found) setChoice(choiceOf(found));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [get, id]);
  return choice;
}

/** OPS §3.2 "Thread selector: Search/select thread": a client thread by its client's name, phone or words in it. */
export const ThreadPicker = ({ value, onChange }: { value: ThreadChoice | null; onChange: (thread: ThreadChoice | null) => void }) => {
  const [query, setQuery] = useState('');
  const threads = useThreadSearch(query);
  if (value) {
    return (
      <Box background="neutral100" padding={3} hasRadius>
        <Flex justifyContent="space-between" gap={2}>
          <Typography fontWeight="bold" aria-label="Chosen thread">
            {value.title}
            {value.number ? ` · ${value.number}` : ''}
          </Typography>
          <Button variant="tertiary" onClick={() => onChange(null)}>
            Change thread
          </Button>
        </Flex>
      </Box>
    );
  }
  return (
    <Field.Root name="thread">
      <Field.Label>Client thread</Field.Label>
      <Combobox
        autocomplete="none"
        placeholder="Type a client's name or phone"
        onInputChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)}
        noOptionsMessage={(text: string) => `No client thread matches "${text}".`}
        onChange={(id?: string) => onChange(threads.find((t) => t.id === id) ?? null)}
      >
        {threads.map((t) => (
          <ComboboxOption key={t.id} value={t.id}>
            {t.number ? `${t.title} · ${t.number}` : t.title}
          </ComboboxOption>
        ))}
      </Combobox>
    </Field.Root>
  );
};
