import {describe, expect, it} from 'vitest';
import {shellQuote} from '../../source/curl/quote.js';
import {sh} from './shell.js';

const HOSTILE = [
  '',
  'plain',
  'with spaces  and\ttabs',
  "it's",
  "''",
  '"double" quotes',
  '$HOME ${PATH} $(id) `id`',
  'back\\slash \\n',
  'star * ? [a-z] ~ ~/x',
  'semi; rm -rf / && echo pwned | cat > x',
  'history !! !$',
  'new\nline',
  'unicode ü é 日本語 🚀 👨‍👩‍👧',
  'mix \'of\' "all" $x `y` \\z',
];

describe('shellQuote', () => {
  it('gives sh exactly the original string back, whatever it holds', async () => {
    for (const value of HOSTILE) {
      const result = await sh(`printf '%s' ${shellQuote(value)}`);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(value);
    }
  });

  it('is one word even next to other words', async () => {
    const result = await sh(
      `set -- ${shellQuote('a b')} ${shellQuote("c'd")}; printf '%s|' "$#" "$1" "$2"`,
    );
    expect(result.stdout).toBe("2|a b|c'd|");
  });

  it('uses single quotes with the standard escape', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$HOME')).toBe(`'$HOME'`);
  });
});
