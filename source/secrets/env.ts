/** FLEXERA_REFRESH_TOKEN (trimmed): for CI and headless servers. Read-only: never written anywhere. */
import {ReadOnlyStoreError, TOKEN_ENV_VAR, type Env, type SecretStore} from './types.js';

/** The env token, trimmed; undefined when unset or blank. */
export function envToken(env: Env): string | undefined {
  const value = env[TOKEN_ENV_VAR]?.trim();
  return value ? value : undefined;
}

export class EnvStore implements SecretStore {
  readonly kind = 'env' as const;
  private readonly token: string | undefined;

  constructor(env: Env) {
    // Read once: the session keeps the value it started with.
    this.token = envToken(env);
  }

  /** The env token applies to whichever login origin the session uses. */
  async get(_account: string): Promise<string | undefined> {
    return this.token;
  }

  async set(_account: string, _secret: string): Promise<void> {
    throw new ReadOnlyStoreError(
      `${TOKEN_ENV_VAR} is read-only: flexera-sa never writes it. Change or unset it in your environment.`,
    );
  }

  async delete(_account: string): Promise<boolean> {
    throw new ReadOnlyStoreError(
      `${TOKEN_ENV_VAR} is read-only: flexera-sa cannot remove it. Unset it in your environment.`,
    );
  }

  describe(): string {
    return `${TOKEN_ENV_VAR} (environment, read-only)`;
  }
}

export function createEnvStore(env: Env): EnvStore {
  return new EnvStore(env);
}
