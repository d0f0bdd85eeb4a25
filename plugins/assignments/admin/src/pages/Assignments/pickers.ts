import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

export interface SitterOption {
  id: number;
  displayName: string;
  active: boolean;
  maskedNumber?: string | null;
}
export interface ClientOption {
  id: string;
  name: string;
  phone?: string;
}

/** The sitters (GET /people/sitters, `active=true` for the assign panel). */
export function useSitters(activeOnly: boolean): { sitters: SitterOption[] | null; problem: string | null } {
  const { get } = useFetchClient();
  const [sitters, setSitters] = useState<SitterOption[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    get<{ data: SitterOption[] }>(`/people/sitters${activeOnly ? '?active=true' : ''}`)
      .then(({ data }) => current && setSitters(data.data))
      .catch(() => current && setProblem('The sitters could not be loaded. Close this and try again.'));
    return () => {
      current = false;
    };
  }, [get, activeOnly]);
  return { sitters, problem };
}

/** Clients matching what was typed (GET /people/clients?q=), asked after a short pause. */
export function useClientSearch(query: string): ClientOption[] {
  const { get } = useFetchClient();
  const [clients, setClients] = useState<ClientOption[]>([]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const q = query.trim();
      get<{ data: ClientOption[] }>(`/people/clients?pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`)
        .then(({ data }) => current && setClients(data.data))
        .catch(() => current && setClients([]));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [get, query]);
  return clients;
}
