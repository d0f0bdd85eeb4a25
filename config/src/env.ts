import { z } from 'zod';
import { acceptedOrigins } from './safe-defaults';

/**
 * Every environment variable Switchboard reads, in one schema.
 * The launcher, Strapi's config files, the plugins and the web app all parse through here,
 * so a missing or malformed value stops start-up with a sentence that names the variable.
 */

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], {
      error: 'must be true or false',
    })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const wholeNumber = (fallback: number, min: number, max: number, what = 'a whole number') =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
        ctx.addIssue({ code: 'custom', message: `must be ${what} between ${min} and ${max}` });
        return z.NEVER;
      }
      return Number(v);
    });

const port = (fallback: number) => wholeNumber(fallback, 1, 65535, 'a port number');

const postgresUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a connection URL like postgres://user:password@host:5432/database' });
    return;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    ctx.addIssue({ code: 'custom', message: 'must start with postgres:// or postgresql:// (only PostgreSQL is supported)' });
  } else if (!url.hostname) {
    ctx.addIssue({ code: 'custom', message: 'must name a host, like postgres://user:password@host:5432/database' });
  } else if (url.pathname.replace(/^\//, '') === '') {
    ctx.addIssue({ code: 'custom', message: 'must name a database after the host, like postgres://user:password@host:5432/database' });
  }
});

const secret = z.string().min(16, { error: 'must be at least 16 characters long' });

/** Secrets Strapi and Switchboard need; generated once into .env in development. */
export const SECRET_NAMES = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'SECRETS_ENCRYPTION_KEY',
  'METRICS_TOKEN',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], { error: 'must be development, test or production' })
    .default('development'),
  /** Unset: loopback while the demo organisation is seeded, every interface otherwise (safe-defaults.ts, listenHost). */
  HOST: z.string().min(1).optional(),
  PORT: port(1337),
  PUBLIC_URL: z.url({ error: 'must be the public http(s) address of the Strapi server' }).default('http://localhost:1337'),
  /** The web app's listening address; unset follows the same rule as HOST. */
  WEB_HOST: z.string().min(1).optional(),
  /** How many reverse proxies in front of Strapi to trust for X-Forwarded-For/-Proto; 0 trusts none. */
  PROXY_TRUST: wholeNumber(0, 0, 10, 'a number of proxy hops'),
  WEB_PORT: port(3002),
  WEB_PUBLIC_URL: z.url({ error: 'must be the public http(s) address of the web app' }).default('http://localhost:3002'),

  DATABASE_URL: postgresUrl.optional(),
  DATABASE_SSL: bool(false),
  DATABASE_POOL_MIN: wholeNumber(2, 0, 100),
  DATABASE_POOL_MAX: wholeNumber(10, 1, 500),
  EMBEDDED_POSTGRES_PORT: port(54329),
  EMBEDDED_POSTGRES_DIR: z.string().min(1).default('.data/postgres'),
  /** The embedded server's password; generated once into .env by npm start. */
  EMBEDDED_POSTGRES_PASSWORD: secret.optional(),

  APP_KEYS: secret.optional(),
  API_TOKEN_SALT: secret.optional(),
  ADMIN_JWT_SECRET: secret.optional(),
  TRANSFER_TOKEN_SALT: secret.optional(),
  JWT_SECRET: secret.optional(),
  ENCRYPTION_KEY: secret.optional(),
  SECRETS_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, { error: 'must be 32 random bytes in base64 (44 characters ending in =)' })
    .optional(),
  /** Bearer token Prometheus sends to GET /api/messaging/metrics (PRD §10). */
  METRICS_TOKEN: secret.optional(),

  /**
   * E-mail (OPS §3.7 escalation by e-mail): an SMTP server for Strapi's e-mail plugin. Unset: no e-mail is sent and
   * escalations go to the owner inbox only.
   */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port(587),
  /** true for SMTP over TLS from the first byte (usually port 465); false upgrades with STARTTLS when offered. */
  SMTP_SECURE: bool(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  EMAIL_FROM: z.email({ error: 'must be an e-mail address' }).default('switchboard@localhost'),

  /** Seed the demo organisation (published passwords; never in production). npm start turns it on for its embedded database. */
  SEED_DEMO: bool(false),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'], {
    error: 'must be one of error, warn, info, http, verbose, debug, silly',
  }).default('info'),
  /**
   * PRD §10 traces (OpenTelemetry): the OTLP/HTTP collector's base address (spans go to <it>/v1/traces as JSON).
   * Unset: no tracing at all. The share of sends traced, 0–1, and the service name the spans carry.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: 'must be the http(s) address of an OTLP/HTTP collector, like http://localhost:4318' }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('switchboard'),
  TRACE_SAMPLE_RATIO: z.coerce
    .number({ error: 'must be a share of sends from 0 to 1, like 0.1' })
    .min(0, { error: 'must be a share of sends from 0 to 1, like 0.1' })
    .max(1, { error: 'must be a share of sends from 0 to 1, like 0.1' })
    .default(1),
  /** How often buffered spans are exported, in milliseconds (OpenTelemetry's batch delay). */
  OTEL_BSP_SCHEDULE_DELAY: wholeNumber(5_000, 10, 60_000),
  /** This node's id in message ids (0–1023); derived from host and process when unset. */
  NODE_ID: wholeNumber(-1, 0, 1023).transform((n) => (n < 0 ? undefined : n)),
  REALTIME_ADAPTER: z.enum(['local', 'postgres'], { error: 'must be local or postgres' }).default('local'),

  /** PRD §6.4: a typing indicator expires on the server after this much silence. */
  TYPING_EXPIRY_MS: wholeNumber(6_000, 500, 60_000),
  TYPING_EVENTS_PER_10S: wholeNumber(20, 1, 1_000),
  /**
   * Sends per person, HTTP and socket together, across every node (a token bucket in Postgres): a human-chat
   * rate with a burst for a few quick messages. Over it: 429, nothing written.
   */
  SEND_RATE_PER_MINUTE: wholeNumber(30, 1, 1_000_000),
  SEND_BURST: wholeNumber(10, 1, 1_000_000),
  /** How long an open socket may rely on its last check of the person (active, not blocked, session alive, role). */
  SOCKET_RECHECK_MS: wholeNumber(2_000, 0, 60_000),

  /** OPS §4.7 and §6.3: delivery retry backoff and the circuit breaker. */
  DELIVERY_RETRY_BASE_MS: wholeNumber(2_000, 10, 600_000),
  DELIVERY_RETRY_MAX_MS: wholeNumber(60_000, 10, 3_600_000),
  BREAKER_FAILURE_THRESHOLD: wholeNumber(5, 1, 1_000),
  BREAKER_COOLDOWN_MS: wholeNumber(30_000, 100, 3_600_000),

  /**
   * The minute sweeps of timed work that has no job of its own (alerts: escalations, the provider's failure rate, SLA
   * breaches; automations: window triggers, runs left waiting). The integration tests turn them off and call each
   * sweep with a moved clock, so a sweep on the real clock never races what a test measures.
   */
  TIMED_SWEEPS: bool(true),

  FF_MASQUERADE: bool(true),
  FF_TYPING_INDICATORS: bool(true),
  FF_OPTIMISTIC_SEND: bool(true),
});

export type Env = z.output<typeof envSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Switchboard cannot start because of its environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError listing one sentence per bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = source[key];
    cleaned[key] = v === '' ? undefined : v;
  }
  const parsed = envSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      problems.push(`${name} ${issue.message}.`);
    }
  } else if (parsed.data.NODE_ENV === 'production') {
    for (const name of SECRET_NAMES) {
      if (!parsed.data[name]) problems.push(`${name} is required in production; set it to a long random value.`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

/**
 * The origins a browser may call the API and socket.io from: Strapi's own address and the web app's; outside
 * production also their other loopback spellings (localhost, 127.0.0.1, [::1]), since a newcomer types either.
 */
export function browserOrigins(env: Pick<Env, 'PUBLIC_URL' | 'WEB_PUBLIC_URL' | 'NODE_ENV'>): string[] {
  const production = env.NODE_ENV === 'production';
  return [...new Set([env.PUBLIC_URL, env.WEB_PUBLIC_URL].flatMap((url) => acceptedOrigins(url, production)))];
}

/** The secrets Strapi needs, all present; throws a ConfigError naming any that are missing. */
export function requireSecrets(env: Env): Record<SecretName, string> {
  const missing = SECRET_NAMES.filter((n) => !env[n]);
  if (missing.length > 0) {
    throw new ConfigError(
      missing.map((n) => `${n} is not set; run "npm start" once to generate development secrets, or set it.`),
    );
  }
  return Object.fromEntries(SECRET_NAMES.map((n) => [n, env[n] as string])) as Record<SecretName, string>;
}
