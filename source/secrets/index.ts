export {
  TOKEN_ENV_VAR,
  KeychainUnavailableError,
  ReadOnlyStoreError,
  formatProblem,
  type KeychainLike,
  type KeychainProblem,
  type ProbeResult,
  type SecretStore,
} from './types.js';
export {createKeychainStore} from './keychain.js';
export {createEnvStore, envToken} from './env.js';
export {MemoryStore, createMemoryStore} from './memory.js';
export {keychainAccount, resolveTokenSource, type TokenSession} from './session.js';
export {classifyKeychainMessage, problemFor} from './problems.js';
