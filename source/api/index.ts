/** The Flexera One API client: the public surface the hooks and commands use. */
export * from './zones.js';
export * from './errors.js';
export * from './endpoints.js';
export * from './privileges.js';
export * from './redact.js';
export * from './http.js';
export * from './auth.js';
export * from './refs.js';
export * from './schemas.js';
export * from './iam.js';
export * from './api-events.js';
export * from './client-secrets.js';
export * from './client.js';
export * from './verify.js';
