/**
 * The built bundle loads from node_modules only what the published package declares (issue #16),
 * and its slimmed source maps still map a stack frame back to the TypeScript source.
 */
import {describe, expect, it} from 'vitest';
import {readFileSync, readdirSync} from 'node:fs';
import {SourceMap} from 'node:module';
import {join} from 'node:path';
import {
  distPackages,
  packageOf,
  specifiersIn,
  undeclaredPackages,
} from '../../scripts/dist-imports.mjs';
import {REPO} from '../secrets/helpers/keyring.js';

const DIST = join(REPO, 'dist');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('what dist/ loads at run time', () => {
  it('is keytar alone, and package.json declares it', async () => {
    const {packages, dynamic} = await distPackages(DIST);
    expect([...packages.keys()]).toEqual(['keytar']);
    expect(dynamic).toEqual([]);
    expect(await undeclaredPackages(DIST, pkg)).toEqual([]);
    expect(Object.keys(pkg.dependencies)).toEqual(['keytar']);
  });

  it('names a package the manifest leaves out, and the file that loads it', async () => {
    const missing = await undeclaredPackages(DIST, {dependencies: {}});
    expect(missing).toHaveLength(1);
    expect(missing[0]!.name).toBe('keytar');
    expect(missing[0]!.files[0]).toMatch(/^chunks\/.+\.js$/);
  });

  it('sees every way code loads a package, and not the words in strings', () => {
    const code = [
      'import a from "zod";',
      'import "ink/build/ink.js";',
      'export * from "@tanstack/react-query/build";',
      'const b = await import("react");',
      'const c = require("conf");',
      'const d = createRequire(import.meta.url).resolve("keytar");',
      'import {readFile} from "node:fs";',
      'const e = require("fs");',
      'try { require("node:sqlite"); } catch {}',
      'import f from "./chunks/chunk-1.js";',
      'const code = `require("ajv/dist/runtime/equal")`;',
      'const text = "import(\\"undici\\")";',
      'const g = require(name);',
    ].join('\n');
    const {specifiers, eager, dynamic} = specifiersIn(code);
    expect(specifiers.map(packageOf).filter(Boolean)).toEqual([
      'zod',
      'ink',
      '@tanstack/react-query',
      'react',
      'conf',
      'keytar',
    ]);
    expect(dynamic).toEqual(['require(name)']);
    // What loads with the module: not import(), not require().
    expect(eager).toEqual([
      'zod',
      'ink/build/ink.js',
      '@tanstack/react-query/build',
      'node:fs',
      './chunks/chunk-1.js',
    ]);
  });
});

describe('source maps', () => {
  it('carry no copy of the sources, and map a frame of the bundle back to its TypeScript line', () => {
    const chunks = readdirSync(join(DIST, 'chunks')).filter((file) => file.endsWith('.js'));
    const needle = 'function resolveKeytar(';
    const file = chunks.find((chunk) =>
      readFileSync(join(DIST, 'chunks', chunk), 'utf8').includes(needle),
    );
    expect(file).toBeDefined();
    const code = readFileSync(join(DIST, 'chunks', file!), 'utf8');
    expect(code).toContain(`//# sourceMappingURL=${file}.map`);
    const payload = JSON.parse(readFileSync(join(DIST, 'chunks', `${file}.map`), 'utf8'));
    expect(payload).not.toHaveProperty('sourcesContent');

    const before = code.slice(0, code.indexOf(needle)).split('\n');
    const entry = new SourceMap(payload).findEntry(before.length - 1, before.at(-1)!.length);
    expect(entry).toHaveProperty('originalSource');
    const {originalSource, originalLine} = entry as {originalSource: string; originalLine: number};
    expect(originalSource).toMatch(/source\/secrets\/keytar-host\.ts$/);
    const source = readFileSync(join(REPO, 'source/secrets/keytar-host.ts'), 'utf8').split('\n');
    expect(source[originalLine]).toContain('function resolveKeytar(');
  });
});
