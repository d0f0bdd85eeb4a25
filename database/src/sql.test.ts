import { indexStatements, sqlFile } from './sql';

describe('indexStatements', () => {
  it('splits an index file into its statements, comments dropped', () => {
    expect(indexStatements('-- why\nCREATE INDEX a ON t (x);\n-- and why\nCREATE UNIQUE INDEX b ON u (y, z);\n')).toEqual([
      'CREATE INDEX a ON t (x)',
      'CREATE UNIQUE INDEX b ON u (y, z)',
    ]);
  });

  it.each(['messaging-indexes.sql', 'provider-indexes.sql'])('gives every statement of %s on its own', (name) => {
    const statements = indexStatements(sqlFile(name));
    expect(statements.length).toBeGreaterThan(1);
    for (const s of statements) expect(s).toMatch(/^CREATE (UNIQUE )?INDEX IF NOT EXISTS \w+ ON \w+ \([^;]+\)$/);
  });

  it('gives the messaging tables as statements that create only what is missing', () => {
    const statements = indexStatements(sqlFile('messaging-tables.sql'));
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(s).toMatch(/^CREATE (UNLOGGED )?TABLE IF NOT EXISTS \w+ \(/);
  });
});
