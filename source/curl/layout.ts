/**
 * Lays out a shell script (the curl commands we show) for a window `width` columns wide, so that
 * what a person copies from the screen runs as it is: a terminal hard-wraps a long line at its
 * edge, and a copy then carries a newline inside a word ("$SERVICE_A" / "CCOUNT_ID"").
 *
 * Every output line fits the width; lines break only between words (`\` continuations) or after a
 * pipe; a word too long for a line (a URL, a JSON body) is first put in a shell variable, built up
 * over short lines (`BODY='…'` then `BODY="$BODY"'…'`), and the command reads "$BODY". Comments are
 * word-wrapped. The script means the same at every width (test/curl/layout.test.ts runs both).
 * Only the forms our own commands use are read: '…', "…" with $NAME inside, bare words, `|`.
 */
import {displayWidth, graphemes} from '../ui/text.js';
import {shellQuote} from './quote.js';

/** A piece of one shell word: literal text, or a variable's value. */
type Atom = {readonly literal: string} | {readonly variable: string};

interface Word {
  /** As written in the script (re-used verbatim when it fits). */
  readonly source: string;
  readonly atoms: readonly Atom[];
}

type Token = Word | 'pipe';

/** Narrowest layout we promise (the app is 60 columns at least); a narrower width is laid out at 40. */
export const MIN_SCRIPT_WIDTH = 40;

const INDENT = '  ';
const CONTINUATION = ' \\';

// ------------------------------------------------------------------------------------------------
// Reading

function tokenize(command: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = command.length;
  while (i < n) {
    const c = command[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    if (c === '\\' && command[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '|') {
      tokens.push('pipe');
      i++;
      continue;
    }
    const start = i;
    const atoms: Atom[] = [];
    const literal = (text: string) => {
      const last = atoms.at(-1);
      if (last !== undefined && 'literal' in last)
        atoms[atoms.length - 1] = {literal: last.literal + text};
      else atoms.push({literal: text});
    };
    while (i < n && !/[\s|]/.test(command[i]!)) {
      const ch = command[i]!;
      if (ch === "'") {
        const end = command.indexOf("'", i + 1);
        if (end < 0) throw new Error('layoutScript: unterminated single quote');
        literal(command.slice(i + 1, end));
        i = end + 1;
      } else if (ch === '"') {
        i++;
        while (i < n && command[i] !== '"') {
          if (command[i] === '$') {
            const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/.exec(command.slice(i));
            if (name === null) throw new Error('layoutScript: unsupported $ form');
            atoms.push({variable: name[1]!});
            i += name[0].length;
          } else if (command[i] === '\\' && /["\\$`]/.test(command[i + 1] ?? '')) {
            literal(command[i + 1]!);
            i += 2;
          } else {
            literal(command[i]!);
            i++;
          }
        }
        if (command[i] !== '"') throw new Error('layoutScript: unterminated double quote');
        i++;
      } else if (ch === '\\') {
        literal(command[i + 1] ?? '');
        i += 2;
      } else if (ch === '$') {
        throw new Error('layoutScript: unquoted $ is not supported');
      } else {
        literal(ch);
        i++;
      }
    }
    tokens.push({source: command.slice(start, i), atoms});
  }
  return tokens;
}

type Statement =
  {kind: 'blank'} | {kind: 'comment'; text: string} | {kind: 'command'; text: string};

function statements(script: string): Statement[] {
  const out: Statement[] = [];
  const lines = script.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '') out.push({kind: 'blank'});
    else if (trimmed.startsWith('#'))
      out.push({kind: 'comment', text: trimmed.replace(/^#\s?/, '')});
    else {
      let text = line;
      // A command goes on while its line ends in `\` (continuation) or `|` (a pipeline).
      while (/(\\|\|)\s*$/.test(lines[i]!) && i + 1 < lines.length) {
        i++;
        text += '\n' + lines[i]!;
      }
      out.push({kind: 'command', text});
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Writing

/** A run of atoms as shell text: literals single-quoted, variables as "$NAME". */
function render(atoms: readonly Atom[]): string {
  return atoms
    .map((atom) => ('variable' in atom ? `"$${atom.variable}"` : shellQuote(atom.literal)))
    .join('');
}

/** Splits literal atoms into graphemes so a value can be cut anywhere between characters. */
function fineAtoms(atoms: readonly Atom[]): Atom[] {
  return atoms.flatMap((atom): Atom[] =>
    'variable' in atom ? [atom] : graphemes(atom.literal).map((g) => ({literal: g})),
  );
}

function merge(atoms: readonly Atom[]): Atom[] {
  const out: Atom[] = [];
  for (const atom of atoms) {
    const last = out.at(-1);
    if ('literal' in atom && last !== undefined && 'literal' in last) {
      out[out.length - 1] = {literal: last.literal + atom.literal};
    } else out.push(atom);
  }
  return out;
}

/** After one of these a value reads well across a line break (URLs, JSON, text). */
const SOFT_BREAK = /^[/,:;&?= ]$/;

/** `NAME=…` then `NAME="$NAME"…` lines, each within `width`, that build the word's value. */
function assignment(name: string, word: Word, width: number): string[] {
  const lines: string[] = [];
  const pieces = fineAtoms(word.atoms);
  const first = `${name}=`;
  const more = `${name}="$${name}"`;
  let chunk: Atom[] = [];
  for (const piece of pieces) {
    const prefix = lines.length === 0 ? first : more;
    if (chunk.length > 0 && displayWidth(prefix + render(merge([...chunk, piece]))) > width) {
      // Break after the last soft break in the second half of the line, else right here.
      let cut = chunk.length;
      for (let k = chunk.length - 1; k >= chunk.length / 2; k--) {
        const atom = chunk[k]!;
        if ('variable' in atom || SOFT_BREAK.test(atom.literal)) {
          cut = k + 1;
          break;
        }
      }
      lines.push(prefix + render(merge(chunk.slice(0, cut))));
      chunk = chunk.slice(cut);
    }
    chunk.push(piece);
  }
  lines.push((lines.length === 0 ? first : more) + render(merge(chunk)));
  return lines;
}

const FLAG_VARIABLES: Readonly<Record<string, string>> = {
  '--data-raw': 'BODY',
  '--data': 'BODY',
  '-d': 'BODY',
  '--data-urlencode': 'FIELD',
  '-H': 'HEADER',
};

function variableName(previous: Token | undefined, word: Word, taken: Set<string>): string {
  const text = word.atoms.map((a) => ('literal' in a ? a.literal : '')).join('');
  const base =
    /^https?:\/\//.test(text) ||
    (previous !== undefined && previous !== 'pipe' && previous.source === 'curl')
      ? 'URL'
      : previous !== undefined && previous !== 'pipe'
        ? (FLAG_VARIABLES[previous.source] ?? 'VALUE')
        : 'VALUE';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

function layoutCommand(text: string, width: number): string[] {
  const tokens = tokenize(text);
  // Names are per command: each command sets what it reads just before it.
  const taken = new Set<string>();
  const setup: string[] = [];
  // The widest a word may be: a continuation line's indent (pipelines indent twice) and ` \`.
  const pipeline = tokens.includes('pipe');
  const budget = width - INDENT.length * (pipeline ? 2 : 1) - CONTINUATION.length;
  const words: Array<string | 'pipe'> = tokens.map((token, i) => {
    if (token === 'pipe') return 'pipe';
    if (displayWidth(token.source) <= budget) return token.source;
    const name = variableName(tokens[i - 1], token, taken);
    setup.push(...assignment(name, token, width));
    return `"$${name}"`;
  });

  // Group a flag with its value where both fit on a line, then pack groups onto lines. A
  // pipeline stage starts at its own indent; its continuation lines indent once more.
  const groups: Array<string | 'pipe'> = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    const isFlag = word !== 'pipe' && word.startsWith('-');
    const takesValue = next !== undefined && next !== 'pipe' && !next.startsWith('-');
    if (isFlag && takesValue && displayWidth(`${word} ${next}`) <= budget) {
      groups.push(`${word} ${next}`);
      i++;
    } else groups.push(word);
  }
  const lines: string[] = [];
  let stage = '';
  let indent = stage;
  let line = '';
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    if (group === 'pipe') {
      lines.push(`${indent}${line} |`);
      stage = INDENT;
      indent = stage;
      line = '';
      continue;
    }
    const endsStage = i === groups.length - 1 || groups[i + 1] === 'pipe';
    const candidate = line === '' ? group : `${line} ${group}`;
    const room = displayWidth(indent + candidate) + (endsStage ? 0 : CONTINUATION.length);
    if (line === '' || room <= width) {
      line = candidate;
      continue;
    }
    lines.push(`${indent}${line}${CONTINUATION}`);
    indent = stage + INDENT;
    line = group;
  }
  if (line !== '') lines.push(`${indent}${line}`);
  return [...setup, ...lines];
}

function wrapComment(text: string, width: number): string[] {
  const budget = Math.max(1, width - 2);
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let rest = word;
    while (displayWidth(rest) > budget) {
      if (line !== '') {
        out.push(line);
        line = '';
      }
      let head = '';
      for (const g of graphemes(rest)) {
        if (displayWidth(head + g) > budget) break;
        head += g;
      }
      out.push(head);
      rest = rest.slice(head.length);
    }
    const candidate = line === '' ? rest : `${line} ${rest}`;
    if (displayWidth(candidate) <= budget) line = candidate;
    else {
      out.push(line);
      line = rest;
    }
  }
  if (line !== '' || out.length === 0) out.push(line);
  return out.map((l) => (l === '' ? '#' : `# ${l}`));
}

/**
 * The script as lines of at most `width` columns (for width ≥ MIN_SCRIPT_WIDTH) that a shell
 * reads exactly as it reads `script`.
 */
export function layoutScript(script: string, width: number): string[] {
  const w = Math.max(MIN_SCRIPT_WIDTH, width);
  return statements(script).flatMap((statement) => {
    if (statement.kind === 'blank') return [''];
    if (statement.kind === 'comment') return wrapComment(statement.text, w);
    return layoutCommand(statement.text, w);
  });
}
