import { ConfigError, SECRET_NAMES, browserOrigins, generateSecret, loadEnv, requireSecrets } from './index';

const secrets = Object.fromEntries(SECRET_NAMES.map((n) => [n, generateSecret(n)]));

const problemsOf = (source: Record<string, string>): string[] => {
  try {
    loadEnv(source);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 1337, WEB_PORT: 3002, SEED_DEMO: false, PROXY_TRUST: 0, REALTIME_ADAPTER: 'local' });
    expect(env.HOST).toBeUndefined();
    expect(env.WEB_HOST).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['postgres://u:p@db.internal:5432/switchboard'],
    ['postgresql://db.internal/switchboard'],
  ])('accepts DATABASE_URL %s', (url) => {
    expect(loadEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it.each([
    ['mysql://u@h/db', 'DATABASE_URL must start with postgres:// or postgresql://'],
    ['not a url', 'DATABASE_URL must be a connection URL'],
    ['postgres://u:p@host:5432/', 'DATABASE_URL must name a database'],
  ])('names DATABASE_URL when it is %s', (url, sentence) => {
    expect(problemsOf({ DATABASE_URL: url }).join(' ')).toContain(sentence);
  });

  it.each([
    [{ PORT: '99999' }, 'PORT must be a port number between 1 and 65535.'],
    [{ PORT: 'abc' }, 'PORT must be a port number between 1 and 65535.'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be development, test or production.'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO must be true or false.'],
    [{ ADMIN_JWT_SECRET: 'short' }, 'ADMIN_JWT_SECRET must be at least 16 characters long.'],
    [{ SECRETS_ENCRYPTION_KEY: 'abc' }, 'SECRETS_ENCRYPTION_KEY must be 32 random bytes in base64'],
  ])('explains %j', (source, sentence) => {
    expect(problemsOf(source).join(' ')).toContain(sentence);
  });

  it('requires every secret in production and lists each missing one', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toHaveLength(SECRET_NAMES.length);
    expect(problems[0]).toBe('APP_KEYS is required in production; set it to a long random value.');
    expect(problemsOf({ NODE_ENV: 'production', ...secrets })).toEqual([]);
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ PORT: '' }).PORT).toBe(1337);
  });
});

describe('requireSecrets', () => {
  it('returns every secret when all are set', () => {
    expect(requireSecrets(loadEnv(secrets))).toEqual(secrets);
  });
  it('names what is missing', () => {
    expect(() => requireSecrets(loadEnv({}))).toThrow(/JWT_SECRET is not set/);
  });
  it('generates secrets that pass the schema', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', ...secrets })).not.toThrow();
    expect(secrets.APP_KEYS.split(',')).toHaveLength(4);
  });
});

describe('browserOrigins', () => {
  it("names Strapi's and the web app's origins once each, without paths", () => {
    expect(browserOrigins({ NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:1337/', WEB_PUBLIC_URL: 'http://localhost:3002/app' })).toEqual(['http://localhost:1337', 'http://localhost:3002']);
    expect(browserOrigins({ NODE_ENV: 'development', PUBLIC_URL: 'https://chat.example.com', WEB_PUBLIC_URL: 'https://chat.example.com' })).toEqual(['https://chat.example.com']);
  });

  it('accepts 127.0.0.1, localhost and [::1] for a loopback origin outside production, and only the configured one in production', () => {
    const development = browserOrigins({ NODE_ENV: 'development', PUBLIC_URL: 'http://localhost:1337', WEB_PUBLIC_URL: 'http://localhost:3002' });
    expect(development).toEqual([
      'http://localhost:1337',
      'http://127.0.0.1:1337',
      'http://[::1]:1337',
      'http://localhost:3002',
      'http://127.0.0.1:3002',
      'http://[::1]:3002',
    ]);
    const production = browserOrigins({ NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:1337', WEB_PUBLIC_URL: 'http://localhost:3002' });
    expect(production).not.toContain('http://127.0.0.1:3002');
  });
});
