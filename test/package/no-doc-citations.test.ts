/**
 * What a person reads never cites the project's internal documents ("(API.md §6.3)"): those mean
 * nothing outside this repository. Checked on what ships: every string and template literal of the
 * built dist/ (parsed with acorn, so comments, which may keep their citations, are not read;
 * esbuild writes § as an escape, which a plain grep would miss).
 */
import {describe, expect, it} from 'vitest';
import {readFileSync, readdirSync} from 'node:fs';
import {join, relative} from 'node:path';
import * as acorn from 'acorn';
import {REPO} from '../secrets/helpers/keyring.js';

const DIST = join(REPO, 'dist');
const CITATION = /API\.md|§/;

function jsFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** Every string literal and template part of a program, with its offset. */
function literals(code: string): Array<{text: string; at: number}> {
  const found: Array<{text: string; at: number}> = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const n = node as {type?: string; value?: unknown; start: number} & Record<string, unknown>;
    if (n.type === 'Literal') {
      if (typeof n.value === 'string') found.push({text: n.value, at: n.start});
      return;
    }
    if (n.type === 'TemplateElement') {
      const cooked = (n.value as {cooked?: string | null}).cooked;
      found.push({text: cooked ?? '', at: n.start});
      return;
    }
    for (const child of Object.values(n)) walk(child);
  };
  walk(acorn.parse(code, {ecmaVersion: 'latest', sourceType: 'module'}));
  return found;
}

describe('user-facing text', () => {
  it('no string of the built app cites API.md or a § section', () => {
    const files = jsFiles(DIST);
    expect(files.length).toBeGreaterThan(10);
    const citations: string[] = [];
    let strings = 0;
    for (const file of files) {
      for (const {text, at} of literals(readFileSync(file, 'utf8'))) {
        strings += 1;
        if (CITATION.test(text)) {
          citations.push(`${relative(DIST, file)}@${at}: ${JSON.stringify(text.slice(0, 120))}`);
        }
      }
    }
    // The scan read the app's own words (a message it shows), not an empty parse.
    expect(strings).toBeGreaterThan(1000);
    expect(citations).toEqual([]);
  });
});
