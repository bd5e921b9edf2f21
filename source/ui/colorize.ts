/**
 * Ink's colour step, with the NO_COLOR convention (no-color.org) that chalk 5 does not follow:
 * when NO_COLOR is set and not empty, text keeps its words, marks (✓ ✗ ! ›), bold, dim and inverse
 * (the cursor, the focused row) but loses every colour. FORCE_COLOR, when set, wins: chalk reads it.
 *
 * The build (scripts/build.mjs, plugin `ink-colorize`) routes Ink's own `import colorize` here, so
 * one place covers text, background and border colours; `ink-colorize-original` is Ink's file.
 */
// @ts-expect-error: resolved by the build plugin to node_modules/ink/build/colorize.js
import inkColorize from 'ink-colorize-original';

type Colorize = (
  text: string,
  color: string | undefined,
  type: 'foreground' | 'background',
) => string;

/** Read once: the environment the app started with. */
export function colorsWanted(env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined) return true;
  return (env.NO_COLOR ?? '') === '';
}

const wanted = colorsWanted(process.env);

const colorize: Colorize = (text, color, type) =>
  wanted ? (inkColorize as Colorize)(text, color, type) : text;

export default colorize;
