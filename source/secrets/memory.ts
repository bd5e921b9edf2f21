/** Secrets for one session only (--no-keychain, the sandbox): gone when the process ends. */
import type {SecretStore} from './types.js';

export class MemoryStore implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, string>();

  async get(account: string): Promise<string | undefined> {
    return this.entries.get(account);
  }

  async set(account: string, secret: string): Promise<void> {
    if (secret === '') throw new TypeError('An empty secret cannot be stored.');
    this.entries.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.entries.delete(account);
  }

  describe(): string {
    return 'memory (this session only)';
  }
}

export function createMemoryStore(): MemoryStore {
  return new MemoryStore();
}
