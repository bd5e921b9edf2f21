import {describe, expect, it} from 'vitest';
import {andTerms, parseFilter} from '../../source/emulator/filter.js';
import {GoaError} from '../../source/emulator/goa.js';
import {formatRef, parseRef, sameRef} from '../../source/emulator/refs.js';

describe("the emulator's own ref parsing", () => {
  it('reads refs with or without ref:, zone and org', () => {
    expect(parseRef('ref::::iam:service-account:2263')).toEqual({
      zone: '',
      orgId: undefined,
      kind: 'iam:service-account',
      id: 2263,
    });
    expect(parseRef('ref:nam:1105::iam:service-account:2263')).toEqual({
      zone: 'nam',
      orgId: 1105,
      kind: 'iam:service-account',
      id: 2263,
    });
    expect(parseRef('nam:1105::iam:service-account:2263')).toEqual({
      zone: 'nam',
      orgId: 1105,
      kind: 'iam:service-account',
      id: 2263,
    });
    expect(parseRef(' ref:au:::iam:org:9102 ')).toEqual({
      zone: 'au',
      orgId: undefined,
      kind: 'iam:org',
      id: 9102,
    });
  });

  it('refuses legacy and malformed refs', () => {
    for (const raw of [
      'iam#service-account:2263',
      'ref:iam:service-account:2263',
      'ref::::iam:user:',
      'ref::::iam:user:0',
      'ref::x::iam:user:1',
      'ref:NAM:::iam:user:1',
      '',
    ]) {
      expect(parseRef(raw), raw).toBeUndefined();
    }
  });

  it('compares by kind and id, and writes the canonical form', () => {
    expect(sameRef(parseRef('ref::::iam:user:7')!, parseRef('ref:nam:::iam:user:7')!)).toBe(true);
    expect(sameRef(parseRef('ref::::iam:user:7')!, parseRef('ref::::iam:group:7')!)).toBe(false);
    expect(formatRef('nam', 1105, 'iam:service-account', 2263)).toBe(
      'ref:nam:1105::iam:service-account:2263',
    );
    expect(formatRef('eu', undefined, 'iam:org', 7301)).toBe('ref:eu:::iam:org:7301');
  });
});

describe('the filter grammar', () => {
  it('parses terms joined by and/or with parentheses, and binds and tighter than or', () => {
    expect(parseFilter('a eq \'x\' or b co "y z" and c eq true')).toEqual({
      type: 'or',
      left: {type: 'term', field: 'a', op: 'eq', value: 'x'},
      right: {
        type: 'and',
        left: {type: 'term', field: 'b', op: 'co', value: 'y z'},
        right: {type: 'term', field: 'c', op: 'eq', value: 'true'},
      },
    });
    expect(andTerms(parseFilter("(a eq '1') and b eq '2'")).map((t) => t.field)).toEqual([
      'a',
      'b',
    ]);
  });

  it('throws 400 bad_request for broken expressions', () => {
    for (const raw of ["a eq 'x", "(a eq 'x'", "a eq 'x' b", 'a', '', "a eq 'x' and"]) {
      expect(() => parseFilter(raw), raw).toThrow(GoaError);
    }
    expect(() => andTerms(parseFilter("a eq 'x' or b eq 'y'"))).toThrow(/only 'and'/);
  });
});
