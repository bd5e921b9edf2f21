declare const __FLEXERA_SA_VERSION__: string | undefined;

/** The package version, fixed at build time (scripts/build.mjs); "dev" when run from source. */
export const VERSION: string =
  typeof __FLEXERA_SA_VERSION__ === 'string' ? __FLEXERA_SA_VERSION__ : '0.0.0-dev';
