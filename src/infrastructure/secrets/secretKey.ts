import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const KEY_BYTES = 32;

/** 64 hex characters or the 44-character base64 of 32 bytes, as SYNCHUB_SECRET_KEY accepts. */
export function isSecretKeyText(text: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(text) || (/^[A-Za-z0-9+/]{43}=$/.test(text) && Buffer.from(text, 'base64').length === KEY_BYTES);
}

export function decodeSecretKey(text: string): Buffer {
  if (!isSecretKeyText(text)) throw new Error('A secret key is 64 hex characters or 44 base64 characters (32 bytes)');
  return /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
}

/** The configured key, else the key file in the data directory, created on first start. */
export async function loadSecretKey(options: { secretKey: string | undefined; dataDir: string }): Promise<Buffer> {
  if (options.secretKey !== undefined) return decodeSecretKey(options.secretKey);
  // Embedded users must not have to configure anything, so a key is made for them and kept beside the data.
  const path = join(options.dataDir, 'secret.key');
  await mkdir(options.dataDir, { recursive: true });
  try {
    await writeFile(path, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const text = (await readFile(path, 'utf8')).trim();
  if (!isSecretKeyText(text)) throw new Error(`The key file ${path} does not hold a 32-byte key (64 hex characters)`);
  return decodeSecretKey(text);
}
