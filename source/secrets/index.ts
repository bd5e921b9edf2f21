export {
  KEYCHAIN_SERVICE,
  TOKEN_ENV_VAR,
  KeychainUnavailableError,
  ReadOnlyStoreError,
  formatProblem,
  type Env,
  type KeychainLike,
  type KeychainProblem,
  type ProbeResult,
  type ProbeState,
  type SecretStore,
  type SecretStoreKind,
} from './types.js';
export {
  DEFAULT_KEYCHAIN_TIMEOUT_MS,
  KeychainStore,
  createKeychainStore,
  type KeychainOptions,
} from './keychain.js';
export {EnvStore, createEnvStore, envToken} from './env.js';
export {MemoryStore, createMemoryStore} from './memory.js';
export {
  keychainAccount,
  resolveTokenSource,
  type ResolveTokenOptions,
  type TokenSession,
  type TokenSource,
} from './session.js';
export {classifyKeychainMessage, problemFor} from './problems.js';
