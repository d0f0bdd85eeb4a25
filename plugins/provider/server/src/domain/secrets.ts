import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Provider credentials at rest: AES-256-GCM, in a versioned string `v1:<iv>:<tag>:<ciphertext>` (base64 parts)
 * so the scheme can change later. The IV is a parameter (random by default) so encryption is testable.
 * Error messages never carry the key or the plaintext.
 */

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
/** 96-bit IVs are GCM's standard size. */
const IV_BYTES = 12;
/** The full 128-bit tag; shorter tags would weaken tamper detection. */
const TAG_BYTES = 16;
const MASK = '••••••••';
const VISIBLE_CHARS = 4;

const CANONICAL_KEY = /^[A-Za-z0-9+/]{43}=$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const KEY_PROBLEM =
  'The secrets encryption key must be 32 random bytes in base64 (44 characters ending in =). ' +
  "Set SECRETS_ENCRYPTION_KEY to the output of: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"";
const UNREADABLE =
  'A saved provider credential is not in a format Switchboard can read. Enter the provider account details again in Provider Settings.';
const UNDECRYPTABLE =
  'A saved provider credential could not be decrypted: the encryption key has changed or the stored value was altered. ' +
  'Restore the original SECRETS_ENCRYPTION_KEY, or enter the provider account details again in Provider Settings.';

function keyFrom(keyBase64: string): Buffer {
  if (!CANONICAL_KEY.test(keyBase64)) throw new Error(KEY_PROBLEM);
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(KEY_PROBLEM);
  return key;
}

export function encryptSecret(plaintext: string, keyBase64: string, iv: Buffer = randomBytes(IV_BYTES)): string {
  const key = keyFrom(keyBase64);
  if (iv.length !== IV_BYTES) throw new Error(`The encryption IV must be ${IV_BYTES} bytes.`);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

export function decryptSecret(payload: string, keyBase64: string): string {
  const key = keyFrom(keyBase64);
  const parts = payload.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => BASE64.test(p))) throw new Error(UNREADABLE);
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64'));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error(UNREADABLE);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(UNDECRYPTABLE);
  }
}

/** For display and audit: a fixed-width mask (so the length does not leak) and the last four characters. */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  return chars.length <= VISIBLE_CHARS ? MASK : MASK + chars.slice(-VISIBLE_CHARS).join('');
}
