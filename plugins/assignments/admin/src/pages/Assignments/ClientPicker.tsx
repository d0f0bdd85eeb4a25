import { useState } from 'react';
import { Combobox, ComboboxOption } from '@strapi/design-system';
import { useClientSearch } from './pickers';

/** A client chosen by typing part of their name or phone (GET /people/clients?q=); the value is the client's documentId. */
export const ClientPicker = ({ value, onChange, name, defaultName, hasError }: { value: string; onChange: (id: string, name: string) => void; name: string; defaultName?: string; hasError?: boolean }) => {
  const [query, setQuery] = useState('');
  const clients = useClientSearch(query);
  return (
    <Combobox
      name={name}
      value={value || undefined}
      defaultTextValue={defaultName}
      autocomplete="none"
      hasError={hasError}
      placeholder="Type a name or phone"
      onInputChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)}
      onClear={() => onChange('', '')}
      noOptionsMessage={(text: string) => `No client matches "${text}". Check the spelling or add the client on the People page.`}
      onChange={(id?: string) => onChange(id ?? '', clients.find((c) => c.id === id)?.name ?? '')}
    >
      {clients.map((client) => (
        <ComboboxOption key={client.id} value={client.id}>
          {client.name}
        </ComboboxOption>
      ))}
    </Combobox>
  );
};
