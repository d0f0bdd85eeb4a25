import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';

// STYLE.md "The house": a plugin touches only its own tables and reaches another plugin only through the services
// that plugin's package exports, and only downwards. This test reads every plugin's server code and fails on any
// import of another plugin's internals, any import upwards, and any mention of another plugin's table or
// content-type UID.

const root = path.resolve(__dirname, '../..');
/** Bottom to top (STYLE.md); a plugin may depend on the ones before it. */
const ORDER = ['audit', 'people', 'provider', 'numbers', 'messaging', 'assignments', 'routing', 'policy', 'automations', 'compliance', 'alerts', 'setup'];
// Tables a plugin creates outside its content types (raw SQL in database/sql).
const EXTRA_TABLES: Record<string, string[]> = { messaging: ['socket_io_attachments', 'rate_limit_bucket'] };

const plugins = readdirSync(path.join(root, 'plugins')).filter((p) => existsSync(path.join(root, 'plugins', p, 'server/src')));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

function owned(plugin: string): { tables: string[]; uids: string[] } {
  const dir = path.join(root, 'plugins', plugin, 'server/src/content-types');
  const schemas = existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => existsSync(path.join(dir, d, 'schema.json')))
        .map((d) => JSON.parse(readFileSync(path.join(dir, d, 'schema.json'), 'utf8')))
    : [];
  return {
    tables: [...schemas.map((s) => s.collectionName as string), ...(EXTRA_TABLES[plugin] ?? [])],
    uids: schemas.map((s) => `plugin::${plugin}.${s.info.singularName}`),
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A table named as knex or SQL names it: a string literal ('message', 'message as m') or after FROM/JOIN/INTO/UPDATE. */
const tablePattern = (table: string, literalsToo = true) =>
  new RegExp(`${literalsToo ? `['"\`]${escape(table)}(\\s+as\\s+\\w+)?['"\`]|` : ''}\\b(from|join|into|update)\\s+"?${escape(table)}\\b`, 'i');

/**
 * Words of API.md that are spelled like another plugin's table: in these plugins a string literal with that word is
 * the word (policy's violation type `phone_number`, numbers' quarantine reason `policy_violation`, compliance's event
 * type `message`), and only SQL
 * naming the table counts.
 */
const CONTRACT_WORDS: Record<string, string[]> = {
  policy: ['phone_number'],
  numbers: ['policy_violation'],
  // OPS §3.5's event type `message` and the audit entity type `booking`.
  compliance: ['message', 'booking'],
  // Domain-event subject types (kit DomainEvent.subject.type) of the triggers: a booking, a window, a thread.
  automations: ['booking', 'assignment_window', 'conversation'],
  // API.md's alert type `policy_violation` (and the event of the same name).
  alerts: ['policy_violation'],
};

const violations = plugins.flatMap((plugin) => {
  const others = plugins.filter((p) => p !== plugin);
  const foreign = others.map((p) => ({ plugin: p, ...owned(p) }));
  const rank = ORDER.indexOf(plugin);
  return sourceFiles(path.join(root, 'plugins', plugin, 'server/src')).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const where = path.relative(root, file);
    const found: string[] = [];
    for (const match of text.matchAll(/from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)|import\(['"]([^'"]+)['"]\)/g)) {
      const spec = match[1] ?? match[2] ?? match[3];
      const pkg = /^@switchboard\/([^/]+)(\/.*)?$/.exec(spec);
      if (pkg && plugins.includes(pkg[1]) && pkg[1] !== plugin) {
        if (pkg[2]) found.push(`${where} imports ${spec}: another plugin's internals; use what its package exports`);
        else if (ORDER.indexOf(pkg[1]) > rank) found.push(`${where} imports ${spec}, a plugin above ${plugin}; declare a port it fills at bootstrap`);
      }
      if (spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(path.join(root, 'plugins', plugin) + path.sep)) {
        found.push(`${where} imports ${spec}, outside its own plugin`);
      }
    }
    for (const other of foreign) {
      for (const table of other.tables) {
        if (tablePattern(table, !(CONTRACT_WORDS[plugin] ?? []).includes(table)).test(text)) found.push(`${where} names ${other.plugin}'s table ${table}`);
      }
      for (const uid of other.uids) if (text.includes(`'${uid}'`) || text.includes(`"${uid}"`)) found.push(`${where} names ${other.plugin}'s content type ${uid}`);
    }
    return found;
  });
});

/**
 * Crossings that exist today and are being removed (issue 12). Nothing may be added here: a new crossing fails, and
 * so does an entry that no longer crosses (delete it). The list must end empty.
 */
const KNOWN: string[] = [
  // Engineer M replaces these joins with directory.businessNames(ids).
];

/** Runtime imports inside one plugin (type-only imports vanish at compile time and cannot form a cycle). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(?!type\b)[^;]*?from\s+['"](\.[^'"]+)['"]/gm)) specs.push(m[2]);
  for (const m of text.matchAll(/^\s*import\s+['"](\.[^'"]+)['"]/gm)) specs.push(m[1]);
  return specs
    .map((spec) => path.resolve(path.dirname(file), spec))
    .map((base) => [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f)))
    .filter((f): f is string => Boolean(f));
}

/** The first import cycle among a plugin's server files, as a list of files, or null. */
function importCycle(plugin: string): string[] | null {
  const files = sourceFiles(path.join(root, 'plugins', plugin, 'server/src'));
  const graph = new Map(files.map((f) => [f, runtimeImports(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file].map((f) => path.relative(root, f));
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

describe('plugin boundaries (STYLE.md)', () => {
  it('knows every plugin by its place in the dependency order', () => {
    expect(plugins.filter((p) => !ORDER.includes(p))).toEqual([]);
  });

  it('no plugin imports another plugin’s internals or a plugin above it, or names another plugin’s tables', () => {
    expect(violations.filter((v) => !KNOWN.includes(v))).toEqual([]);
  });

  it.each(plugins)('%s has no import cycle among its own server files', (plugin) => {
    expect(importCycle(plugin)).toBeNull();
  });

  it('lists as known only crossings that still exist', () => {
    expect(KNOWN.filter((k) => !violations.includes(k))).toEqual([]);
  });
});
