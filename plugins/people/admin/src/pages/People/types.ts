// The shapes of the people plugin's admin routes (API.md "Admin pickers", issue 14), as this page reads them.

export interface Client {
  /** The client's documentId. */
  id: string;
  name: string;
  firstName: string;
  lastName: string | null;
  phone: string;
  notes: string | null;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface Sitter {
  /** The sitter's user id. */
  id: number;
  displayName: string;
  active: boolean;
  maskedNumber?: string | null;
}

export type AccountRole = 'business' | 'va' | 'sitter';

export interface CreatedAccount {
  user: { id: number; email: string; role: AccountRole };
  invitation: { link: string } | { oneTimePassword: string };
}

export interface Organisation {
  name: string;
  timeZone: string;
}

/** `?preview=true` answers: the sentences of the confirmation dialog. */
export interface Preview {
  preview: true;
  impact: string[];
}
