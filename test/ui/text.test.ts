import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {
  charCount,
  cleanPastedSecret,
  fitToWidth,
  formatCells,
  formatCount,
  hasUnsafeCharacters,
  inert,
  padToWidth,
  resolveColumnWidths,
  sanitizeTyped,
  truncateToWidth,
  wrap,
} from '../../source/ui/index.js';
import {isInterpreted} from '../helpers/frames.js';

describe('inert', () => {
  const hostile: Array<[string, string]> = [
    ['clear screen', 'name\x1b[2Jafter'],
    ['OSC 52 clipboard write', 'x\x1b]52;c;ZWNobyBwd25lZA==\x07y'],
    ['carriage return overwrite', 'safe\rEVIL'],
    ['bell', 'ding\x07'],
    ['bidi override', 'abc\u202Etxt.exe'],
    ['bidi isolate', '\u2067hidden\u2069'],
    ['C1 CSI', 'a\x9b2Jb'],
    ['C1 OSC + ST', 'a\x9d52;c;AA\x9cb'],
    ['DEL and NUL', 'a\x7fb\x00c'],
    ['newlines and tab', 'line1\nline2\r\nline3\tend'],
  ];

  it.each(hostile)('leaves nothing a terminal interprets: %s', (_name, input) => {
    const out = inert(input);
    expect([...out].filter(isInterpreted)).toEqual([]);
    expect(hasUnsafeCharacters(out)).toBe(false);
    expect(hasUnsafeCharacters(input)).toBe(true);
  });

  it('makes escapes and controls visible instead of silently dropping them', () => {
    expect(inert('name\x1b[2J')).toBe('name␛[2J');
    expect(inert('ding\x07')).toBe('ding␇');
    expect(inert('a\nb\r\nc\rd')).toBe('a⏎b⏎c⏎d');
    expect(inert('a\tb')).toBe('a b');
    expect(inert('a\x9bb')).toBe('a\ufffdb');
    expect(inert('a\x7f')).toBe('a␡');
    // Bidi controls are dropped: the text is shown in its stored order.
    expect(inert('abc\u202Etxt')).toBe('abctxt');
  });

  it('keeps ordinary text, wide characters, emoji and ZWJ sequences as they are', () => {
    for (const s of ['billing-export', '日本語', 'team 👨‍👩‍👧 ok', 'café', '']) {
      expect(inert(s)).toBe(s);
    }
  });

  it('accepts non-strings', () => {
    expect(inert(undefined)).toBe('');
    expect(inert(null)).toBe('');
    expect(inert(42)).toBe('42');
  });
});

describe('width helpers', () => {
  it('truncates to at most the given columns, never splitting a wide character', () => {
    expect(truncateToWidth('abcdef', 4)).toBe('abc…');
    expect(truncateToWidth('abc', 3)).toBe('abc');
    expect(truncateToWidth('日本語です', 6)).toBe('日本…');
    expect(stringWidth(truncateToWidth('日本語です', 6))).toBe(5);
    expect(truncateToWidth('👍👍👍', 4)).toBe('👍…');
    expect(truncateToWidth('abc', 0)).toBe('');
    for (let cols = 1; cols < 12; cols++) {
      expect(stringWidth(truncateToWidth('名前👨‍👩‍👧abc日本', cols))).toBeLessThanOrEqual(cols);
    }
  });

  it('pads and fits to exact widths, so columns line up', () => {
    expect(padToWidth('ab', 4)).toBe('ab  ');
    expect(padToWidth('ab', 4, 'right')).toBe('  ab');
    for (const s of ['abc', '日本語の名前です', '👍 ok', 'x\x1b[2Jy', '']) {
      for (const cols of [1, 2, 5, 9]) expect(stringWidth(fitToWidth(s, cols))).toBe(cols);
    }
  });

  it('formats cells and resolves fill columns', () => {
    expect(resolveColumnWidths([{width: 6}, {width: 'fill'}, {width: 4}], 30)).toEqual([6, 18, 4]);
    expect(resolveColumnWidths([{width: 'fill'}, {width: 'fill'}], 12)).toEqual([6, 5]);
    // Shares: two to one of the 30 left after the gap; the remainder goes to the first.
    expect(resolveColumnWidths([{width: 'fill', share: 2}, {width: 'fill'}], 31)).toEqual([20, 10]);
    expect(resolveColumnWidths([{width: 'fill', share: 2}, {width: 'fill'}], 12)).toEqual([8, 3]);
    const tight = resolveColumnWidths([{width: 20}, {width: 'fill'}, {width: 20}], 30);
    expect(tight.reduce((a, b) => a + b, 0) + 2).toBeLessThanOrEqual(30);
    const line = formatCells([
      {text: '日本', width: 3},
      {text: '42', width: 4, align: 'right'},
    ]);
    expect(line).toBe('日… ' + '  42');
  });
});

describe('input helpers', () => {
  it('keeps printable text from typing and pastes, dropping controls', () => {
    expect(sanitizeTyped('ab\x07c\x1b[31md')).toBe('abc[31md');
    expect(sanitizeTyped('one\ntwo\r\nthree\tfour')).toBe('one two three four');
    expect(sanitizeTyped('\u202Eabc')).toBe('abc');
  });

  it('cleans a pasted secret of all whitespace', () => {
    expect(cleanPastedSecret('  eyJh\nbGci \r\n')).toBe('eyJhbGci');
  });

  it('counts code points and formats counts with fixed grouping', () => {
    expect(charCount('abc')).toBe(3);
    expect(charCount('👍')).toBe(1);
    expect(charCount('日本')).toBe(2);
    expect(formatCount(2000)).toBe('2,000');
    for (const n of [0, 999, 1000, 1234567, -1234, 12.5])
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('wrap', () => {
  const fits = (lines: string[], width: number) =>
    expect(lines.filter((line) => stringWidth(line) > width)).toEqual([]);

  it('breaks at words and keeps at most the lines given, marking the cut', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('one two three four', 9, {maxLines: 2})).toEqual(['one two', 'three …']);
    expect(wrap('one two three four', 9, {maxLines: 0})).toEqual([]);
    expect(wrap('aa   bb cc', 5)).toEqual(['aa bb', 'cc']);
  });

  it('cuts a word longer than the line, and the last piece goes on with the next word', () => {
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('abcdefgh ij', 3)).toEqual(['abc', 'def', 'gh', 'ij']);
    expect(wrap('abcdefg h', 3)).toEqual(['abc', 'def', 'g h']);
  });

  it('keeps line breaks as breaks, empty lines included', () => {
    expect(wrap('one\ntwo\r\n\nthree', 10)).toEqual(['one', 'two', '', 'three']);
    expect(wrap('', 4)).toEqual(['']);
  });

  it('counts CJK characters as two columns and never splits one', () => {
    expect(wrap('日本語テキスト', 6)).toEqual(['日本語', 'テキス', 'ト']);
    expect(wrap('日本語です', 5)).toEqual(['日本', '語で', 'す']);
    fits(wrap('日本語 テキスト です', 7), 7);
  });

  it('keeps emoji and ZWJ sequences whole', () => {
    const family = '👨\u200d👩\u200d👧';
    expect(wrap(`${family}${family}${family}`, 4)).toEqual([`${family}${family}`, family]);
    expect(wrap('ok 🎉 done', 5)).toEqual(['ok 🎉', 'done']);
  });

  it('at width 1 fits every line, drawing a character too wide for it as …', () => {
    expect(wrap('ab c', 1)).toEqual(['a', 'b', 'c']);
    expect(wrap('日本', 1)).toEqual(['…', '…']);
    expect(wrap('one two', 1, {maxLines: 2})).toEqual(['o', '…']);
    expect(wrap('x', 0)).toEqual(['x']);
    fits(wrap('日本 🎉 a', 1), 1);
  });

  it('breaks anywhere when asked, keeping every character and space', () => {
    expect(wrap('abcdef\nxy', 4, {breakAt: 'anywhere'})).toEqual(['abcd', 'ef', 'xy']);
    expect(wrap('a  b c', 3, {breakAt: 'anywhere'})).toEqual(['a  ', 'b c']);
    expect(wrap('日本語です', 4, {breakAt: 'anywhere'})).toEqual(['日本', '語で', 'す']);
    expect(wrap('a\n\nb', 4, {breakAt: 'anywhere'})).toEqual(['a', '', 'b']);
  });

  it('draws control characters visibly, so a line holds nothing a terminal interprets', () => {
    expect(wrap('a\u001b[2Jb', 10)).toEqual(['a␛[2Jb']);
    expect(wrap('a\u001b[2Jb', 10, {breakAt: 'anywhere'})).toEqual(['a␛[2Jb']);
    for (const line of wrap('x\u001b]52;c;AA\u0007 y\u202e z', 4)) {
      expect([...line].filter(isInterpreted)).toEqual([]);
    }
  });
});
