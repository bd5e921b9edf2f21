/**
 * Where Ink painted each piece of text in the last frame, read from its laid-out DOM (the yoga
 * layout of every node), so a test can say that nothing overlaps and nothing leaves the terminal.
 *
 *   const problems = layoutProblems(ui, {columns: 60, rows: 16});
 *   expect(problems).toEqual([]);
 *
 * It walks the tree as Ink's own renderer does (render-node-to-output.js): each text node is
 * squashed, wrapped to its box's width with Ink's own functions and written at the node's
 * absolute position, clipped by the nearest `overflow="hidden"` box; a box's border is painted
 * too. Every cell a write covers (spaces included: Ink writes them) has one owner; a second owner
 * is an overlap, the same thing that drew `v verify againle:index …` at 60×16. Ink's internals are
 * not exported (package.json "exports"), so they are loaded from its build folder by path: the
 * same module instances the app renders with.
 */
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {stripVTControlCharacters} from 'node:util';
import {displayWidth} from '../../source/ui/text.js';
import type {InkHandle} from './ink.js';

interface YogaNode {
  getComputedLeft(): number;
  getComputedTop(): number;
  getComputedWidth(): number;
  getComputedHeight(): number;
}

interface DomNode {
  nodeName: string;
  childNodes: DomNode[];
  yogaNode?: YogaNode;
  style: {
    display?: string;
    overflow?: string;
    overflowX?: string;
    overflowY?: string;
    textWrap?: string;
    borderStyle?: unknown;
    borderTop?: boolean;
    borderBottom?: boolean;
    borderLeft?: boolean;
    borderRight?: boolean;
  };
}

const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));

async function inkInternal<T>(file: string): Promise<T> {
  const module = (await import(pathToFileURL(path.join(inkBuild, file)).href)) as {default: T};
  return module.default;
}

const instances = await inkInternal<WeakMap<object, {rootNode: DomNode}>>('instances.js');
const squashTextNodes = await inkInternal<(node: DomNode) => string>('squash-text-nodes.js');
const wrapText =
  await inkInternal<(text: string, width: number, wrap: string) => string>('wrap-text.js');
const getMaxWidth = await inkInternal<(yoga: YogaNode) => number>('get-max-width.js');

/** One write Ink makes: plain text lines at a cell, after clipping. */
interface PaintedText {
  readonly x: number;
  readonly y: number;
  readonly lines: readonly string[];
}

interface Clip {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

function clipped(write: PaintedText, clip: Clip | undefined): PaintedText | undefined {
  if (!clip) return write;
  const lines: string[] = [];
  let top: number | undefined;
  write.lines.forEach((line, i) => {
    const y = write.y + i;
    if (y < clip.y1 || y >= clip.y2) return;
    top ??= y;
    // Cut to the clip's columns (display columns; the probe's text is plain).
    let out = '';
    let col = write.x;
    for (const ch of line) {
      const w = Math.max(1, displayWidth(ch));
      if (col >= clip.x1 && col + w <= clip.x2) out += ch;
      col += w;
    }
    lines.push(out);
  });
  if (top === undefined) return undefined;
  return {x: Math.max(write.x, clip.x1), y: top, lines};
}

function borderWrites(node: DomNode, x: number, y: number): PaintedText[] {
  const {style, yogaNode} = node;
  if (!style.borderStyle || !yogaNode) return [];
  const width = yogaNode.getComputedWidth();
  const height = yogaNode.getComputedHeight();
  const top = style.borderTop !== false;
  const bottom = style.borderBottom !== false;
  const left = style.borderLeft !== false;
  const right = style.borderRight !== false;
  const out: PaintedText[] = [];
  if (top) out.push({x, y, lines: ['─'.repeat(width)]});
  if (bottom && height > 1) out.push({x, y: y + height - 1, lines: ['─'.repeat(width)]});
  const inner = height - (top ? 1 : 0) - (bottom ? 1 : 0);
  const sideTop = y + (top ? 1 : 0);
  if (left && inner > 0) out.push({x, y: sideTop, lines: Array<string>(inner).fill('│')});
  if (right && inner > 0 && width > 1) {
    out.push({x: x + width - 1, y: sideTop, lines: Array<string>(inner).fill('│')});
  }
  return out;
}

/** Every text (and border) Ink writes for the current tree, in paint order. */
function paintedTexts(root: DomNode): PaintedText[] {
  const out: PaintedText[] = [];
  const walk = (node: DomNode, offsetX: number, offsetY: number, clip: Clip | undefined) => {
    const {yogaNode} = node;
    if (!yogaNode || node.style.display === 'none') return;
    const x = offsetX + yogaNode.getComputedLeft();
    const y = offsetY + yogaNode.getComputedTop();
    if (node.nodeName === 'ink-text') {
      let text = squashTextNodes(node);
      if (text.length === 0) return;
      const maxWidth = getMaxWidth(yogaNode);
      const widest = Math.max(...text.split('\n').map((l) => displayWidth(l)));
      if (widest > maxWidth) text = wrapText(text, maxWidth, node.style.textWrap ?? 'wrap');
      const lines = stripVTControlCharacters(text).split('\n');
      const write = clipped({x, y, lines}, clip);
      if (write) out.push(write);
      return;
    }
    let inner = clip;
    if (node.nodeName === 'ink-box') {
      for (const border of borderWrites(node, x, y)) {
        const write = clipped(border, clip);
        if (write) out.push(write);
      }
      const {overflow, overflowX, overflowY} = node.style;
      const hideX = overflowX === 'hidden' || overflow === 'hidden';
      const hideY = overflowY === 'hidden' || overflow === 'hidden';
      if (hideX || hideY) {
        // Ink keeps only the innermost clip (output.js), so a nested one replaces the outer.
        inner = {
          x1: hideX ? x : -Infinity,
          x2: hideX ? x + yogaNode.getComputedWidth() : Infinity,
          y1: hideY ? y : -Infinity,
          y2: hideY ? y + yogaNode.getComputedHeight() : Infinity,
        };
      }
    }
    for (const child of node.childNodes) walk(child, x, y, inner);
  };
  walk(root, 0, 0, undefined);
  return out;
}

function rootOf(ui: InkHandle): DomNode {
  const instance = ui.stdout ? instances.get(ui.stdout) : undefined;
  if (!instance) throw new Error('layoutProblems() needs renderInk(element, {columns, rows})');
  return instance.rootNode;
}

/**
 * What is wrong with the laid-out frame at this terminal size: a text reaching past the last
 * column or below the last usable row (rows − 1, see use-terminal-size.ts), or two texts sharing a
 * cell. Empty when the frame is sound.
 */
export function layoutProblems(ui: InkHandle, size: {columns: number; rows: number}): string[] {
  const problems: string[] = [];
  const owner = new Map<string, PaintedText>();
  const show = (w: PaintedText) => JSON.stringify(w.lines.join('⏎'));
  for (const write of paintedTexts(rootOf(ui))) {
    let reported = false;
    write.lines.forEach((line, i) => {
      const y = write.y + i;
      const width = displayWidth(line);
      if (width === 0) return;
      if (write.x < 0 || write.x + width > size.columns) {
        problems.push(`row ${y}: ${JSON.stringify(line)} reaches column ${write.x + width}`);
      }
      if (y < 0 || y >= size.rows - 1) {
        problems.push(`row ${y}: ${JSON.stringify(line)} is below the last row`);
      }
      for (let col = write.x; col < write.x + width; col++) {
        const key = `${y}:${col}`;
        const previous = owner.get(key);
        if (previous && previous !== write && !reported) {
          problems.push(`row ${y}, column ${col}: ${show(write)} overlaps ${show(previous)}`);
          reported = true;
        }
        owner.set(key, write);
      }
    });
  }
  return problems;
}
