import { inventoryCsv } from './csv';

const at = (iso: string) => new Date(iso);

describe('CSV export', () => {
  it('writes a header, one line per number, quotes commas and defuses formulas but keeps phone numbers', () => {
    const csv = inventoryCsv([
      { e164: '+14155550100', numberClass: 'front_desk', status: 'active', assignedTo: 'Front Desk', health: 'healthy', lastUsedAt: at('2026-11-01T10:00:00Z'), volume7d: 4, addedAt: at('2026-10-01T00:00:00Z'), cooldownUntil: null },
      { e164: '+14155550120', numberClass: 'sitter', status: 'active', assignedTo: 'Sitter, "Sam"', health: 'warning', lastUsedAt: null, volume7d: 0, addedAt: null, cooldownUntil: null },
      { e164: '+14155550121', numberClass: 'sitter', status: 'active', assignedTo: '=HYPERLINK("x")', health: 'healthy', lastUsedAt: null, volume7d: 0, addedAt: null, cooldownUntil: null },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'Number,Class,Status,Assigned to,Health,Last usage,Messages (7d),Added,Cooldown until',
      '+14155550100,Front Desk,Active,Front Desk,healthy,2026-11-01T10:00:00.000Z,4,2026-10-01T00:00:00.000Z,',
      '+14155550120,Sitter,Active,"Sitter, ""Sam""",warning,,0,,',
      `+14155550121,Sitter,Active,"'=HYPERLINK(""x"")",healthy,,0,,`,
      '',
    ]);
  });

  // The "Assigned to" cell as the CSV writes it, for a name an attacker chose.
  const assignedCell = (assignedTo: string) =>
    inventoryCsv([{ e164: '+14155550121', numberClass: 'sitter', status: 'active', assignedTo, health: 'healthy', lastUsedAt: null, volume7d: 0, addedAt: null, cooldownUntil: null }])
      .split('\r\n')
      .slice(1, -1)
      .join('\r\n')
      .replace(/^\+14155550121,Sitter,Active,/, '')
      .replace(/,healthy,,0,,$/, '');

  it.each([
    ['=1+1', `'=1+1`],
    ['+1+1', `'+1+1`],
    ['-1+1', `'-1+1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\tSam', `'\tSam`],
    ['\r=1+1', `"'\r=1+1"`],
    ['\rSam', `"'\rSam"`],
    ['+14155550120', '+14155550120'],
    ['Sam Sitter', 'Sam Sitter'],
    ['Sam =1+1', 'Sam =1+1'],
    ['Sam\t', 'Sam\t'],
    ['', ''],
  ])('writes the cell %j as %j', (value, written) => {
    expect(assignedCell(value)).toBe(written);
  });
});
