import {describe, expect, it} from 'vitest';
import {REDACTED, redact} from '../../source/api/redact.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEyMyIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlX2hlcmU';

describe('redact', () => {
  it('replaces values under secret keys at any depth, case-insensitively', () => {
    const out = redact({
      headers: {Authorization: 'Bearer abc', 'content-type': 'application/json'},
      body: {
        access_token: 'a',
        refresh_token: 'b',
        clientSecret: 'c',
        nested: [{client_secret: 'd'}],
      },
    });
    expect(out).toEqual({
      headers: {Authorization: REDACTED, 'content-type': 'application/json'},
      body: {
        access_token: REDACTED,
        refresh_token: REDACTED,
        clientSecret: REDACTED,
        nested: [{client_secret: REDACTED}],
      },
    });
  });

  it('scrubs bearer credentials, JWTs, form pairs, JSON pairs and URL passwords inside text', () => {
    const text = [
      `Authorization: Bearer ${JWT}`,
      `token ${JWT} end`,
      'grant_type=refresh_token&refresh_token=r3fr3sh&client_secret=s3cr3t&client_id=abc',
      '{"clientSecret":"xyz\\"q","clientId":"keep"}',
      'http://alice:pw@proxy.example:8080/',
    ].join('\n');
    const out = redact(text);
    expect(out).not.toMatch(/eyJ|r3fr3sh|s3cr3t|xyz|alice:pw/);
    expect(out).toContain('grant_type=refresh_token');
    expect(out).toContain('client_id=abc');
    expect(out).toContain('"clientId":"keep"');
    expect(out).toContain(`Bearer ${REDACTED}`);
  });

  it('replaces every occurrence of known secrets, longest first, ignoring very short ones', () => {
    const known = ['plain-secret-value', 'plain-secret', 'short'];
    const out = redact({msg: 'x plain-secret-value y plain-secret z short'}, known);
    expect(out.msg).toBe(`x ${REDACTED} y ${REDACTED} z short`);
  });

  it('does not modify its input and keeps non-secret values', () => {
    const input = {status: 200, ok: true, list: [1, 'two'], none: null, refresh_token: 'abc'};
    const out = redact(input);
    expect(input.refresh_token).toBe('abc');
    expect(out).toEqual({
      status: 200,
      ok: true,
      list: [1, 'two'],
      none: null,
      refresh_token: REDACTED,
    });
  });

  it('turns errors into name and redacted message, and survives cycles', () => {
    const cyclic: Record<string, unknown> = {error: new Error(`refused Bearer ${JWT}`)};
    cyclic.self = cyclic;
    const out = redact(cyclic) as Record<string, unknown>;
    expect(out.error).toEqual({name: 'Error', message: `refused Bearer ${REDACTED}`});
    expect(out.self).toBe('[Circular]');
  });
});
