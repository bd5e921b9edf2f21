/**
 * Text safety and column maths for everything the UI draws.
 *
 * - `inert(s)`: any server- or user-supplied string made safe to write to a terminal. Nothing in it
 *   can move the cursor, clear the screen, set the clipboard (OSC 52), ring the bell or reorder text.
 * - `truncateToWidth` / `padToWidth` / `fitToWidth`: column-exact layout with string-width, so wide
 *   CJK characters and emoji (2 columns) keep columns aligned.
 * - `wrap(s, width, options)`: inert text in lines of at most `width` columns, at words or anywhere.
 * - `sanitizeTyped(s)`: what a text field keeps from typed or pasted input.
 */
import stringWidth from 'string-width';

// C0 controls, DEL, C1 controls; bidi embeddings/overrides/isolates and marks; BOM; line separators.
const SPECIAL_CLASS =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff\\u2028\\u2029]';
const SPECIAL = new RegExp(SPECIAL_CLASS);
const SPECIAL_ALL = new RegExp(`\\r\\n|${SPECIAL_CLASS}`, 'g');

const NEWLINE_MARK = '⏎';

function visibleFor(ch: string): string {
  if (ch === '\r\n' || ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') {
    return NEWLINE_MARK;
  }
  if (ch === '\t') return ' ';
  const code = ch.codePointAt(0) ?? 0;
  // C0 → Unicode control pictures (ESC → ␛, BEL → ␇, NUL → ␀); DEL → ␡. Each one column wide.
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  // C1 (0x80–0x9f, e.g. 0x9b = single-byte CSI) has no control picture: a replacement character.
  if (code <= 0x9f) return '\ufffd';
  // Bidi controls, marks, BOM: dropped (the text is then shown in its logical order).
  return '';
}

/**
 * Make a string safe to draw: control characters become visible one-column symbols (ESC → ␛, so
 * `\x1b[2J` shows as `␛[2J`), newlines become ⏎, tabs a space, C1 controls �, bidi controls are
 * dropped. The result contains no byte a terminal would interpret.
 */
export function inert(value: unknown): string {
  const s =
    typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  if (!SPECIAL.test(s)) return s;
  return s.replace(SPECIAL_ALL, visibleFor);
}

/** True when `inert(s)` would change s (it holds control characters or bidi controls). */
export function hasUnsafeCharacters(s: string): boolean {
  return SPECIAL.test(s);
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Grapheme clusters (what a user sees as one character: é, 👨‍👩‍👧, 日). */
export function graphemes(s: string): string[] {
  const out: string[] = [];
  for (const {segment} of segmenter.segment(s)) out.push(segment);
  return out;
}

/** Terminal columns a (plain, already inert) string takes. */
export function displayWidth(s: string): number {
  return stringWidth(s);
}

/**
 * Cut plain text to at most `cols` columns, ending with `ellipsis` when cut. Never splits a
 * grapheme; a wide character that would straddle the edge is left out (the result may then be one
 * column short: pad it with `padToWidth` where columns must line up).
 */
export function truncateToWidth(s: string, cols: number, ellipsis = '…'): string {
  if (cols <= 0) return '';
  if (stringWidth(s) <= cols) return s;
  const ellipsisWidth = stringWidth(ellipsis);
  if (ellipsisWidth > cols) return '';
  const budget = cols - ellipsisWidth;
  let out = '';
  let used = 0;
  for (const g of graphemes(s)) {
    const w = stringWidth(g);
    if (used + w > budget) break;
    out += g;
    used += w;
  }
  return out + ellipsis;
}

/** Pad plain text with spaces to exactly `cols` columns (text wider than cols is returned as is). */
export function padToWidth(s: string, cols: number, align: 'left' | 'right' = 'left'): string {
  const gap = cols - stringWidth(s);
  if (gap <= 0) return s;
  return align === 'left' ? s + ' '.repeat(gap) : ' '.repeat(gap) + s;
}

export interface WrapOptions {
  /** At most this many lines; when text is left over the last line ends with "…". */
  readonly maxLines?: number;
  /**
   * 'words' (default): break at spaces (runs of spaces collapse), cutting only a word wider than
   * the line. 'anywhere': break at the width, every character kept (commands, secrets, snippets).
   */
  readonly breakAt?: 'words' | 'anywhere';
}

// Line breaks in the source text; each starts a new line (inert would draw them as ⏎).
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/**
 * Cuts inert text into pieces of at most `width` columns, never splitting a grapheme. A grapheme
 * wider than the whole line (a 2-column character at width 1) is drawn as "…", so no line overflows.
 */
function splitAnywhere(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const g of graphemes(text)) {
    let piece = g;
    let w = stringWidth(g);
    if (w > width) {
      piece = '…';
      w = 1;
    }
    if (used + w > width && line !== '') {
      out.push(line);
      line = '';
      used = 0;
    }
    line += piece;
    used += w;
  }
  out.push(line);
  return out;
}

function wrapWords(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/ +/)) {
    if (word === '') continue;
    const pieces = stringWidth(word) > width ? splitAnywhere(word, width) : [word];
    for (const piece of pieces) {
      if (line === '') line = piece;
      else if (stringWidth(line) + 1 + stringWidth(piece) <= width) line = `${line} ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Any text as lines of at most `width` (≥ 1) columns, each line inert: line breaks in the text
 * start a new line (an empty one stays as ''), the rest is wrapped at words or anywhere (see
 * `WrapOptions`). With `maxLines` a screen knows exactly how many lines it draws.
 */
export function wrap(value: unknown, width: number, options: WrapOptions = {}): string[] {
  const w = Math.max(1, Math.floor(width));
  const text =
    typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  const split = options.breakAt === 'anywhere' ? splitAnywhere : wrapWords;
  const lines = text.split(LINE_BREAK).flatMap((paragraph) => split(inert(paragraph), w));
  const maxLines = Math.max(0, options.maxLines ?? Infinity);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept.length - 1;
  if (last >= 0) kept[last] = truncateToWidth(`${kept[last]} …`, w);
  return kept;
}

/** inert + truncate + pad: a cell exactly `cols` columns wide. */
export function fitToWidth(value: unknown, cols: number, align: 'left' | 'right' = 'left'): string {
  return padToWidth(truncateToWidth(inert(value), cols), cols, align);
}

/**
 * What a text field keeps from typed or pasted input: newlines and tabs become spaces, every other
 * control character, escape sequence introducer and bidi control is dropped.
 */
export function sanitizeTyped(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(SPECIAL_ALL, (ch) =>
    ch === '\r\n' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\u2028' || ch === '\u2029'
      ? ' '
      : '',
  );
}

/**
 * A pasted secret (refresh token, client secret) as it should be stored: every whitespace
 * character removed, including newlines a terminal or a wrapped e-mail inserts inside it.
 */
export function cleanPastedSecret(s: string): string {
  return s.replace(/\s+/g, '');
}

/**
 * Length as the API counts it: Unicode code points ([I] API.md §6.2 says "chars"; Goa validates
 * MaxLength with a rune count, so a code point count is the closest reading).
 */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * 2000 → "2,000": fixed en-US grouping so frames do not depend on the machine's locale. Not
 * toLocaleString: its first call loads ICU locale data (16–43 ms and 5 MiB on the first frame).
 */
export function formatCount(n: number): string {
  const [whole = '', fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
