import { csvTable } from '@switchboard/kit';
import { VIOLATIONS_CSV_HEADER, violationCsvRow, type ExportedViolation } from './export';

const violation: ExportedViolation = {
  id: '7',
  createdAt: '2027-01-19T22:00:00.000Z',
  types: ['phone_number', 'email'],
  status: 'dismissed',
  actionTaken: 'blocked',
  conversationId: '12',
  redactedText: 'Next time just text me on my own phone, [phone number].',
  thread: { clientName: 'Casey Morgan', businessNumber: '+14155550120' },
  sender: { role: 'sitter', displayName: '=Sam' },
  review: { at: '2027-01-20T09:00:00.000Z', by: 'Olivia Owner', reason: 'Talked to Sam, "first time"' },
};

describe('the violations feed as CSV', () => {
  it('writes one line per violation with labels, the redacted text only, and defused cells', () => {
    const lines = csvTable(VIOLATIONS_CSV_HEADER, [violationCsvRow(violation), violationCsvRow({ ...violation, id: '8', status: 'open', actionTaken: 'held', review: null, types: ['url'] })]).split('\r\n');
    expect(lines).toEqual([
      'Time,Violation,Client,Business number,Thread,Type,Detected content (redacted),Action taken,Sender,Sender role,Status,Reviewed at,Reviewed by,Review reason',
      `2027-01-19T22:00:00.000Z,7,Casey Morgan,+14155550120,12,Phone number; Email address,"Next time just text me on my own phone, [phone number].",Blocked,'=Sam,sitter,Dismissed,2027-01-20T09:00:00.000Z,Olivia Owner,"Talked to Sam, ""first time"""`,
      `2027-01-19T22:00:00.000Z,8,Casey Morgan,+14155550120,12,Link,"Next time just text me on my own phone, [phone number].",Held,'=Sam,sitter,Open,,,`,
      '',
    ]);
  });
});
