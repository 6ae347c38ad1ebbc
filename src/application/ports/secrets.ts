/** Encrypts credentials before they are stored in events or read models; only adapters ever see the key. */
export interface Secrets {
  /** A self-describing sealed string; sealing the same text twice gives different results. */
  seal(plain: string): string;
  /** Throws SecretTamperedError when the sealed text was altered or sealed with another key. */
  open(sealed: string): string;
}

export class SecretTamperedError extends Error {
  constructor(reason: string) {
    super(`The sealed secret cannot be opened: ${reason}`);
    this.name = 'SecretTamperedError';
  }
}
