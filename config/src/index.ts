export { envSchema, loadEnv, requireSecrets, browserOrigins, ConfigError, SECRET_NAMES } from './env';
export type { Env, SecretName } from './env';
export { generateSecret } from './secrets';
export { defaults } from './defaults';
export type { Defaults } from './defaults';
export { systemClock } from './clock';
export type { Clock } from './clock';
