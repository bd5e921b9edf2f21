// What the built bundle loads from node_modules at run time, and whether the published package
// declares it. dist/ bundles every library except keytar (a native module, run in a helper
// process), so `dependencies` holds keytar alone; a bundle that starts to `import`, `require` or
// `require.resolve` another package would break every install (issue #16).
//
// The code is parsed (acorn), not grepped: libraries carry `require("…")` inside strings (ajv's
// standalone code generator) that never run.
//
// `node scripts/dist-imports.mjs [dir]` exits 1 and names each undeclared package (prepack runs it).
import {parse} from 'acorn';
import {readFile, readdir} from 'node:fs/promises';
import {isBuiltin} from 'node:module';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined. */
export function packageOf(specifier) {
  // node: is Node's own (node:sqlite only exists on newer Nodes, behind a try); relative paths,
  // absolute paths and URLs are files.
  if (/^[./]/.test(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
  if (isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function literal(node) {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis[0].value.cooked;
  }
  return undefined;
}

/**
 * Every module specifier `code` loads: static and dynamic imports, re-exports, `require(…)` and
 * `….resolve(…)` on `require` or on what `createRequire(…)` returned. `dynamic` lists the calls
 * whose argument is not a plain string (they load something the scan cannot name). `eager` is
 * the part of `specifiers` that loads with the module (static imports and re-exports).
 */
export function specifiersIn(code) {
  const ast = parse(code, {ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true});
  const specifiers = [];
  const eager = [];
  const dynamic = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        if (node.source) {
          specifiers.push(node.source.value);
          eager.push(node.source.value);
        }
        break;
      case 'ImportExpression': {
        const value = literal(node.source);
        if (value === undefined) dynamic.push(code.slice(node.start, node.end));
        else specifiers.push(value);
        break;
      }
      case 'CallExpression': {
        const {callee} = node;
        const isRequire = callee.type === 'Identifier' && callee.name === 'require';
        const isResolve =
          callee.type === 'MemberExpression' &&
          !callee.computed &&
          callee.property.name === 'resolve' &&
          ((callee.object.type === 'Identifier' && callee.object.name === 'require') ||
            callee.object.type === 'CallExpression');
        if (isRequire || isResolve) {
          const value = literal(node.arguments[0]);
          if (value === undefined) {
            if (isRequire) dynamic.push(code.slice(node.start, node.end));
          } else {
            specifiers.push(value);
          }
        }
        break;
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  return {specifiers, eager, dynamic};
}

async function jsFiles(dir) {
  const entries = await readdir(dir, {withFileTypes: true, recursive: true});
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The packages dist/ loads at run time, each with the files that load it, and the dynamic
 * `require(…)`/`import(…)` calls whose target the scan cannot see.
 */
export async function distPackages(dir = join(ROOT, 'dist')) {
  const packages = new Map();
  const dynamic = [];
  for (const file of await jsFiles(dir)) {
    const found = specifiersIn(await readFile(file, 'utf8'));
    for (const specifier of found.specifiers) {
      const name = packageOf(specifier);
      if (name === undefined) continue;
      if (!packages.has(name)) packages.set(name, new Set());
      packages.get(name).add(relative(dir, file));
    }
    for (const call of found.dynamic) dynamic.push({file: relative(dir, file), call});
  }
  return {packages, dynamic};
}

/**
 * The files of dist/ that load as soon as `file` (a path inside dir) is imported: it and its
 * static imports, transitively (not what it loads later with `import()`).
 */
export async function eagerFiles(dir, file) {
  const seen = new Set();
  const pending = [join(dir, file)];
  while (pending.length > 0) {
    const next = pending.pop();
    if (seen.has(next)) continue;
    seen.add(next);
    const {eager} = specifiersIn(await readFile(next, 'utf8'));
    pending.push(...eager.filter((s) => s.startsWith('.')).map((s) => join(dirname(next), s)));
  }
  return [...seen].map((path) => relative(dir, path)).sort();
}

/** What dist/ loads that package.json `dependencies` does not declare: [{name, files}]. */
export async function undeclaredPackages(dir = join(ROOT, 'dist'), pkg = undefined) {
  const manifest = pkg ?? JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  const {packages} = await distPackages(dir);
  return [...packages]
    .filter(([name]) => !declared.has(name))
    .map(([name, files]) => ({name, files: [...files]}));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? join(ROOT, 'dist');
  const missing = await undeclaredPackages(dir);
  if (missing.length > 0) {
    for (const {name, files} of missing) {
      process.stderr.write(
        `dist loads "${name}" at run time (${files.join(', ')}), but package.json does not list it in dependencies: bundle it, or declare it.\n`,
      );
    }
    process.exit(1);
  }
}
