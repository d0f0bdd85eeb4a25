import { decryptSecret, encryptSecret, maskSecret } from './secrets';

const KEY = Buffer.alloc(32, 7).toString('base64');
const OTHER_KEY = Buffer.alloc(32, 8).toString('base64');
const IV_A = Buffer.alloc(12, 1);
const IV_B = Buffer.alloc(12, 2);
const TOKEN = 'f3a9c1d2e4b5a6978877665544332211';

/** Flips one bit of one base64 part of a `v1:iv:tag:ciphertext` payload. */
function tamper(payload: string, part: 1 | 2 | 3): string {
  const parts = payload.split(':');
  const bytes = Buffer.from(parts[part], 'base64');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64');
  return parts.join(':');
}

function errorOf(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('encryptSecret and decryptSecret', () => {
  it.each(['', 'a', TOKEN, 'pässwörd with ünïcode 🔐', 'x'.repeat(5_000), 'has:colons:inside'])('round-trips %p', (plaintext) => {
    expect(decryptSecret(encryptSecret(plaintext, KEY), KEY)).toBe(plaintext);
  });

  it('writes a versioned v1:<iv>:<tag>:<ciphertext> string that hides the plaintext', () => {
    const payload = encryptSecret(TOKEN, KEY, IV_A);
    const [version, iv, tag, ciphertext] = payload.split(':');
    expect(payload.split(':')).toHaveLength(4);
    expect(version).toBe('v1');
    expect(Buffer.from(iv, 'base64')).toEqual(IV_A);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(ciphertext, 'base64')).toHaveLength(Buffer.byteLength(TOKEN));
    expect(payload).not.toContain(TOKEN);
    expect(Buffer.from(ciphertext, 'base64').toString('utf8')).not.toBe(TOKEN);
  });

  it('gives the same output for the same IV and different outputs for different IVs', () => {
    expect(encryptSecret(TOKEN, KEY, IV_A)).toBe(encryptSecret(TOKEN, KEY, IV_A));
    expect(encryptSecret(TOKEN, KEY, IV_A)).not.toBe(encryptSecret(TOKEN, KEY, IV_B));
    expect(decryptSecret(encryptSecret(TOKEN, KEY, IV_B), KEY)).toBe(TOKEN);
  });

  it('draws a fresh IV for each encryption by default', () => {
    const first = encryptSecret(TOKEN, KEY);
    const second = encryptSecret(TOKEN, KEY);
    expect(first).not.toBe(second);
    expect(first.split(':')[1]).not.toBe(second.split(':')[1]);
  });

  it.each([
    ['the IV', 1],
    ['the tag', 2],
    ['the ciphertext', 3],
  ] as const)('detects a change to %s', (_label, part) => {
    const payload = tamper(encryptSecret(TOKEN, KEY, IV_A), part);
    expect(() => decryptSecret(payload, KEY)).toThrow(/could not be decrypted: the encryption key has changed or the stored value was altered/);
  });

  it('refuses the wrong key without revealing the secret or either key', () => {
    const error = errorOf(() => decryptSecret(encryptSecret(TOKEN, KEY, IV_A), OTHER_KEY));
    expect(error.message).toMatch(/could not be decrypted.*Restore the original SECRETS_ENCRYPTION_KEY/);
    for (const leaked of [TOKEN, KEY, OTHER_KEY]) expect(error.message).not.toContain(leaked);
  });

  it.each([
    ['16 bytes', Buffer.alloc(16, 1).toString('base64')],
    ['31 bytes', Buffer.alloc(31, 1).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64')],
    ['64 bytes', Buffer.alloc(64, 1).toString('base64')],
    ['32 bytes of hex', Buffer.alloc(32, 1).toString('hex')],
    ['44 characters that are not base64', '!'.repeat(43) + '='],
    ['32 bytes in the URL-safe alphabet', Buffer.alloc(32, 0xfb).toString('base64url') + '='],
    ['32 bytes without the padding', Buffer.alloc(32, 1).toString('base64').slice(0, 43)],
    ['32 bytes split over lines', Buffer.alloc(32, 1).toString('base64').replace(/(.{20})/, '$1\n')],
    ['nothing', ''],
  ])('rejects a key of %s with a clear sentence', (_label, badKey) => {
    for (const work of [() => encryptSecret(TOKEN, badKey), () => decryptSecret(encryptSecret(TOKEN, KEY), badKey)]) {
      const error = errorOf(work);
      expect(error.message).toMatch(/^The secrets encryption key must be 32 random bytes in base64 \(44 characters ending in =\)\./);
      if (badKey) expect(error.message).not.toContain(badKey);
      expect(error.message).not.toContain(TOKEN);
    }
  });

  it('rejects an IV that is not 12 bytes', () => {
    expect(() => encryptSecret(TOKEN, KEY, Buffer.alloc(16))).toThrow('The encryption IV must be 12 bytes.');
  });

  it.each([
    ['plain text', TOKEN],
    ['an unknown version', encryptSecret(TOKEN, KEY, IV_A).replace(/^v1:/, 'v2:')],
    ['a missing part', encryptSecret(TOKEN, KEY, IV_A).split(':').slice(0, 3).join(':')],
    ['an extra part', `${encryptSecret(TOKEN, KEY, IV_A)}:AAAA`],
    ['a truncated tag', (() => { const p = encryptSecret(TOKEN, KEY, IV_A).split(':'); p[2] = Buffer.from(p[2], 'base64').subarray(0, 4).toString('base64'); return p.join(':'); })()],
    ['parts that are not base64', 'v1:!!!:???:***'],
    ['nothing', ''],
  ])('says it cannot read %s', (_label, payload) => {
    expect(() => decryptSecret(payload, KEY)).toThrow(/^A saved provider credential is not in a format Switchboard can read\. Enter the provider account details again in Provider Settings\.$/);
  });
});

describe('maskSecret', () => {
  it.each([
    ['', '••••••••'],
    ['a', '••••••••'],
    ['abcd', '••••••••'],
    ['abcde', '••••••••bcde'],
    ['AC0123456789abcdef0123456789abcd', '••••••••abcd'],
    [TOKEN, '••••••••2211'],
    ['pin-🔐🔑🗝️x', '••••••••🔑🗝️x'],
  ])('masks %p as %p', (value, masked) => {
    expect(maskSecret(value)).toBe(masked);
  });

  it('does not reveal how long the secret is', () => {
    expect(maskSecret('x'.repeat(12) + 'abcd')).toBe(maskSecret('x'.repeat(40) + 'abcd'));
  });
});
