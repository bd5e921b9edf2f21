/** Types for dist-imports.mjs (the tests import it). */
export function packageOf(specifier: string): string | undefined;
export function specifiersIn(code: string): {
  specifiers: string[];
  eager: string[];
  dynamic: string[];
};
export function eagerFiles(dir: string, file: string): Promise<string[]>;
export function distPackages(
  dir?: string,
): Promise<{packages: Map<string, Set<string>>; dynamic: Array<{file: string; call: string}>}>;
export function undeclaredPackages(
  dir?: string,
  pkg?: {dependencies?: Record<string, string>},
): Promise<Array<{name: string; files: string[]}>>;
