// Bundles cli.tsx into dist/ as ESM: a small main file (argument parsing) and chunks that load only
// when asked for: the app (Ink, React, the client), the emulator (--sandbox, `emulator`) and the
// non-interactive commands. Unbundled ESM costs an Ink app ~0.3 s of module resolution at every
// start (issue #6); what is left is measured by `npm run bench` (README "Performance").
//
// `node scripts/build.mjs` builds dist/. The bench imports `bundleOptions` to bundle its in-process
// harness exactly like the app (production React, same aliases).
import {build} from 'esbuild';
import {readFile, rename, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * Ink's dev mode (DEV=true) is off in the bundle. In it Ink reads its own package.json next to the
 * module (dist/package.json here: ENOENT, the app crashed at start) and imports its React DevTools
 * bridge (react-devtools-core, not a dependency, plus 117 KB of ws). The bundle runs production
 * React, which DevTools cannot inspect anyway; for DevTools run from source: DEV=true npx tsx cli.tsx.
 */
const noInkDevMode = {
  name: 'no-ink-dev-mode',
  setup(b) {
    const inkBuild = /[\\/]node_modules[\\/]ink[\\/]build[\\/]/;
    b.onLoad({filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]utils\.js$/}, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace(
        "const isDev = () => process.env['DEV'] === 'true';",
        'const isDev = () => false;',
      );
      if (patched === source)
        throw new Error(`ink's isDev() changed shape: update ${args.path} patch`);
      return {contents: patched, loader: 'js'};
    });
    b.onResolve({filter: /^\.\/devtools\.js$/}, (args) =>
      inkBuild.test(args.importer)
        ? {path: 'ink-devtools', namespace: 'flexera-sa-empty'}
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'flexera-sa-empty'}, () => ({contents: '', loader: 'js'}));
  },
};

/**
 * NO_COLOR: Ink's `colorize` (text, background and border colours) is routed through
 * source/ui/colorize.ts, which drops colours when NO_COLOR is set and calls Ink's own otherwise.
 * Tested on the bundle in tmux (test/e2e/no-color.test.ts).
 */
const inkColorize = {
  name: 'ink-colorize',
  setup(b) {
    const inkBuild = /[\\/]node_modules[\\/]ink[\\/]build[\\/]/;
    const original = join(ROOT, 'node_modules', 'ink', 'build', 'colorize.js');
    b.onResolve({filter: /^\.\.?\/colorize\.js$/}, (args) =>
      inkBuild.test(args.importer) ? {path: join(ROOT, 'source', 'ui', 'colorize.ts')} : undefined,
    );
    b.onResolve({filter: /^ink-colorize-original$/}, () => ({path: original}));
  },
};

/**
 * Ink 6.8's key parser leaves `name` undefined for a CSI key it has no name for; with a Ctrl
 * modifier (Ctrl+F1 = ESC[1;5P, or the ESC[31m of a pasted colour code) useInput then calls
 * `undefined.startsWith` and the app dies (ink issue #901). The fix of ink PR #902 (only in Ink 7):
 * an unknown code is named '', ESC[P..S are F1..F4, and useInput guards the name. Each replacement
 * must match exactly once, or the build fails: Ink's files changed shape, re-check the fix.
 */
const INK_INPUT_FIX = [
  {
    file: /[\\/]node_modules[\\/]ink[\\/]build[\\/]parse-keypress\.js$/,
    edits: [
      ['key.name = keyName[code];', "key.name = keyName[code] ?? '';"],
      [
        "    OP: 'f1',",
        "    OP: 'f1',\n    '[P': 'f1',\n    '[Q': 'f2',\n    '[R': 'f3',\n    '[S': 'f4',",
      ],
    ],
  },
  {
    file: /[\\/]node_modules[\\/]ink[\\/]build[\\/]hooks[\\/]use-input\.js$/,
    edits: [
      [
        '            else if (keypress.ctrl) {\n                input = keypress.name;',
        "            else if (keypress.ctrl) {\n                input = keypress.name ?? '';",
      ],
    ],
  },
];

const inkInputFix = {
  name: 'ink-input-fix',
  setup(b) {
    for (const {file, edits} of INK_INPUT_FIX) {
      b.onLoad({filter: file}, async (args) => {
        let source = await readFile(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (source.split(from).length !== 2) {
            throw new Error(
              `ink's input parser changed shape: ${JSON.stringify(from)} is not in ${args.path} exactly once; re-check the ink #902 patch`,
            );
          }
          source = source.replace(from, to);
        }
        return {contents: source, loader: 'js'};
      });
    }
  },
};

/**
 * The options every bundle of this app shares (dist/ and the bench harness). `patchInkInput:
 * false` only for the test that proves the crash handler on Ink's unpatched parser.
 */
export function bundleOptions({patchInkInput = true} = {}) {
  return {
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Linked maps, not turned on at start: Node 20 parses each loaded chunk's map eagerly when
    // source maps are enabled (~35 ms CPU and ~37 MiB peak RSS of every start). cli.tsx enables
    // them for --debug runs; NODE_OPTIONS=--enable-source-maps works too.
    sourcemap: 'linked',
    // Mappings only, no copy of the sources: a stack trace still maps to file:line:column (read the
    // source in the repository at that version). Measured (issue #16): maps with sourcesContent
    // 6.2 MB of every install, without 1.7 MB; brotli would make that 0.35 MB but Node reads only
    // plain .map files, so --debug would need a decompress step and a writable install.
    sourcesContent: false,
    // Whitespace and syntax only: names stay readable in stack traces without the maps.
    // Identifier mangling saved no measurable start time (bench, 2 cores) and would cost that.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    // Production React: no dev-only checks on every render.
    define: {
      'process.env.NODE_ENV': '"production"',
      __FLEXERA_SA_VERSION__: JSON.stringify(pkg.version),
    },
    // keytar is a native module: never bundled (it runs in a helper process, secrets/keytar-host.ts).
    external: ['keytar'],
    plugins: patchInkInput ? [noInkDevMode, inkColorize, inkInputFix] : [noInkDevMode, inkColorize],
    banner: {
      // CommonJS dependencies inside an ESM bundle still call require().
      js: "import {createRequire as __flexeraCreateRequire} from 'node:module'; const require = __flexeraCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  };
}

/**
 * Builds into a fresh directory beside `outdir`, then swaps it in: a process running the old
 * dist/ (a test, the bench) sees either the old build or the new one, never a half-written one.
 */
export async function buildDist({outdir = 'dist', quiet = false, patchInkInput = true} = {}) {
  const started = performance.now();
  const staging = `${outdir}.building-${process.pid}`;
  await rm(join(ROOT, staging), {recursive: true, force: true});
  let result;
  try {
    result = await build({
      ...bundleOptions({patchInkInput}),
      entryPoints: {cli: 'cli.tsx'},
      outdir: staging,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      metafile: true,
    });
  } catch (error) {
    await rm(join(ROOT, staging), {recursive: true, force: true});
    throw error;
  }
  await rm(join(ROOT, outdir), {recursive: true, force: true});
  await rename(join(ROOT, staging), join(ROOT, outdir));
  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const main = outputs.find(([file]) => file === `${staging}/cli.js`);
  const total = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
  if (!quiet) {
    process.stdout.write(
      `built ${outdir}/cli.js (${main ? main[1].bytes : 0} bytes; ${outputs.length - 1} lazy chunks, ${total} bytes of JS in all) in ${Math.round(performance.now() - started)} ms\n`,
    );
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildDist();
}
