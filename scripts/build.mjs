// Bundles cli.tsx into dist/ as ESM: one main file for the start path, with rarely used code
// (the emulator, non-interactive commands) split into chunks that load only when asked for.
// Unbundled ESM costs an Ink app ~0.3 s of module resolution at every start (issue #6).
import {build} from 'esbuild';
import {readFile, rm} from 'node:fs/promises';

const started = performance.now();
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});

const result = await build({
  entryPoints: {cli: 'cli.tsx'},
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  minifySyntax: true,
  metafile: true,
  legalComments: 'none',
  // Production React: no dev-only checks on every render.
  define: {
    'process.env.NODE_ENV': '"production"',
    __FLEXERA_SA_VERSION__: JSON.stringify(pkg.version),
  },
  // keytar is a native module (loaded lazily at run time); react-devtools-core is Ink's optional
  // devtools hook, imported only when DEV=true and not installed.
  external: ['keytar', 'react-devtools-core'],
  banner: {
    // CommonJS dependencies inside an ESM bundle still call require().
    js: "import {createRequire as __flexeraCreateRequire} from 'node:module'; const require = __flexeraCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const main = outputs.find(([file]) => file === 'dist/cli.js');
process.stdout.write(
  `built dist/cli.js (${main ? main[1].bytes : 0} bytes, ${outputs.length - 1} lazy chunks) in ${Math.round(performance.now() - started)} ms\n`,
);
