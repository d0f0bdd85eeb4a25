import { randomBytes } from 'node:crypto';
import type { SecretName } from './env';

/** A fresh random value of the right shape for one of the secrets in SECRET_NAMES. */
export function generateSecret(name: SecretName): string {
  if (name === 'APP_KEYS') return [1, 2, 3, 4].map(() => randomBytes(24).toString('base64')).join(',');
  if (name === 'SECRETS_ENCRYPTION_KEY') return randomBytes(32).toString('base64');
  // Pasted into a Prometheus scrape config, so plain hex.
  if (name === 'METRICS_TOKEN') return randomBytes(32).toString('hex');
  return randomBytes(32).toString('base64');
}
