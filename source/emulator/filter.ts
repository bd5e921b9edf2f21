import {badRequest} from './goa.js';

/**
 * The filter grammar of GET /users and GET /access-rules (API.md §4.5):
 *   expr := term (('and' | 'or') term)* ; term := '(' expr ')' | field op value
 * Values are quoted with ' or ", or bare words (true/false). `and` binds tighter than `or`.
 * Each endpoint then checks which fields and operators it allows.
 */

export type FilterNode =
  | {type: 'and' | 'or'; left: FilterNode; right: FilterNode}
  | {type: 'term'; field: string; op: string; value: string};

type Token =
  | {kind: 'lparen'}
  | {kind: 'rparen'}
  | {kind: 'word'; text: string}
  | {kind: 'string'; text: string};

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push(ch === '(' ? {kind: 'lparen'} : {kind: 'rparen'});
      i++;
    } else if (ch === "'" || ch === '"') {
      const end = input.indexOf(ch, i + 1);
      if (end < 0) throw badRequest(`filter: unterminated string starting at position ${i + 1}`);
      tokens.push({kind: 'string', text: input.slice(i + 1, end)});
      i = end + 1;
    } else {
      let j = i;
      while (j < input.length && !/[\s()'"]/.test(input[j]!)) j++;
      tokens.push({kind: 'word', text: input.slice(i, j)});
      i = j;
    }
  }
  return tokens;
}

export function parseFilter(input: string): FilterNode {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (token: Token | undefined, text: string) =>
    token?.kind === 'word' && token.text === text;

  function parseTerm(): FilterNode {
    const token = tokens[pos++];
    if (!token) throw badRequest('filter: expression ends too early');
    if (token.kind === 'lparen') {
      const inner = parseOr();
      if (tokens[pos++]?.kind !== 'rparen') throw badRequest("filter: missing ')'");
      return inner;
    }
    if (token.kind !== 'word') throw badRequest('filter: expected a field name');
    const op = tokens[pos++];
    if (op?.kind !== 'word') throw badRequest(`filter: expected an operator after '${token.text}'`);
    const value = tokens[pos++];
    if (!value || value.kind === 'lparen' || value.kind === 'rparen') {
      throw badRequest(`filter: expected a value after '${token.text} ${op.text}'`);
    }
    return {type: 'term', field: token.text, op: op.text, value: value.text};
  }

  function parseAnd(): FilterNode {
    let node = parseTerm();
    while (isWord(peek(), 'and')) {
      pos++;
      node = {type: 'and', left: node, right: parseTerm()};
    }
    return node;
  }

  function parseOr(): FilterNode {
    let node = parseAnd();
    while (isWord(peek(), 'or')) {
      pos++;
      node = {type: 'or', left: node, right: parseAnd()};
    }
    return node;
  }

  if (tokens.length === 0) throw badRequest('filter: empty expression');
  const tree = parseOr();
  if (pos !== tokens.length) throw badRequest('filter: unexpected text after the expression');
  return tree;
}

/** The terms of a filter made only of `and`s; throws 400 when it contains `or`. */
export function andTerms(node: FilterNode): Array<Extract<FilterNode, {type: 'term'}>> {
  if (node.type === 'term') return [node];
  if (node.type === 'or') throw badRequest("filter: only 'and' may combine terms here");
  return [...andTerms(node.left), ...andTerms(node.right)];
}
