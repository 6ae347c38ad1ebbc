import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretTamperedError, type Secrets } from '../../application/ports/secrets.js';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, each part base64url; the tag makes any change detectable. */
export class AesGcmSecrets implements Secrets {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`An AES-256 key has ${KEY_BYTES} bytes, got ${key.length}`);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) {
      throw new SecretTamperedError(`expected ${VERSION}.<iv>.<tag>.<ciphertext>`);
    }
    const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretTamperedError('the IV or tag has the wrong length');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretTamperedError('it was altered or sealed with a different key');
    }
  }
}
