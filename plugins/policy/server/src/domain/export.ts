/** The violations feed as CSV rows (OPS §3.5 "Policy Violations Feed", "Export"). Pure; kit's `csvTable` writes them. */
import { ACTION_LABELS, STATUS_LABELS, typesTitle } from './labels';
import type { ContactType } from './detector';

export interface ExportedViolation {
  id: string;
  createdAt: string;
  types: ContactType[];
  status: string;
  actionTaken: string;
  conversationId: string;
  redactedText: string;
  thread: { clientName: string; businessNumber: string | null };
  sender: { role: string; displayName: string };
  review: { at: string; by: string | null; reason: string | null } | null;
}

export const VIOLATIONS_CSV_HEADER = ['Time', 'Violation', 'Client', 'Business number', 'Thread', 'Type', 'Detected content (redacted)', 'Action taken', 'Sender', 'Sender role', 'Status', 'Reviewed at', 'Reviewed by', 'Review reason'];

export function violationCsvRow(v: ExportedViolation): string[] {
  return [
    v.createdAt,
    v.id,
    v.thread.clientName,
    v.thread.businessNumber ?? '',
    v.conversationId,
    typesTitle(v.types, '; '),
    v.redactedText,
    ACTION_LABELS[v.actionTaken] ?? v.actionTaken,
    v.sender.displayName,
    v.sender.role,
    STATUS_LABELS[v.status] ?? v.status,
    v.review?.at ?? '',
    v.review?.by ?? '',
    v.review?.reason ?? '',
  ];
}
