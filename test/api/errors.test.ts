import {describe, expect, it} from 'vitest';
import {
  ApiError,
  NetworkError,
  TimeoutError,
  isAmbiguousFailure,
  parseErrorBody,
  type RequestContext,
} from '../../source/api/errors.js';
import {describePrivilege, requiredPrivilege} from '../../source/api/privileges.js';

const context: RequestContext = {
  endpoint: 'create service account',
  method: 'POST',
  path: '/iam/v1/orgs/1/service-accounts',
  template: '/iam/v1/orgs/{orgId}/service-accounts',
  origin: 'https://api.flexera.com',
};

describe('error bodies', () => {
  it('reads the Goa shape', () => {
    const body = JSON.stringify({
      name: 'too_many_requests',
      id: 'a1b2',
      message: 'too many requests',
      temporary: true,
      timeout: false,
      fault: false,
    });
    expect(parseErrorBody(body)).toEqual({
      name: 'too_many_requests',
      message: 'too many requests',
      requestId: 'a1b2',
      temporary: true,
      timeout: false,
      fault: false,
    });
  });

  it('reads the Okta shape', () => {
    expect(
      parseErrorBody(
        '{"error":"invalid_grant","error_description":"The refresh token is invalid."}',
      ),
    ).toEqual({
      name: 'invalid_grant',
      message: 'The refresh token is invalid.',
    });
  });

  it('reads plain text and HTML from a gateway, shortened', () => {
    expect(parseErrorBody('<html><body><h1>502 Bad Gateway</h1></body></html>')).toEqual({
      message: '502 Bad Gateway',
    });
    expect(parseErrorBody('').message).toBeUndefined();
    expect(parseErrorBody('x'.repeat(500)).message).toHaveLength(201);
    expect(parseErrorBody('[1,2]')).toEqual({message: '[1,2]'});
  });
});

describe('error classes', () => {
  it('ApiError names the endpoint, the status and, on 403, the missing privilege', () => {
    const error = new ApiError(context, {
      status: 403,
      body: {name: 'forbidden', message: 'access token does not have sufficient privileges'},
      requiredPrivilege: requiredPrivilege('POST', context.template),
      attempts: 1,
    });
    expect(error.requiredPrivilege).toBe('iam:service_account:create||common:org:own');
    expect(error.message).toContain('create service account failed: 403 forbidden');
    expect(error.message).toContain('this needs iam:service_account:create or org owner');
    expect(error.temporary).toBe(false);
    expect(isAmbiguousFailure(error)).toBe(false);
  });

  it('treats 5xx, timeouts and dropped connections as ambiguous, refused connections not', () => {
    const e500 = new ApiError(context, {status: 500, body: {}, attempts: 1});
    expect(e500.temporary).toBe(true);
    expect(e500.serverMessage).toBe('HTTP 500');
    expect(isAmbiguousFailure(e500)).toBe(true);
    expect(isAmbiguousFailure(new ApiError(context, {status: 429, body: {}, attempts: 1}))).toBe(
      false,
    );
    expect(isAmbiguousFailure(new TimeoutError(context, 100))).toBe(true);
    expect(isAmbiguousFailure(new NetworkError(context, 'ECONNRESET', 'reset', 1))).toBe(true);
    expect(isAmbiguousFailure(new NetworkError(context, 'ECONNREFUSED', 'refused', 1))).toBe(false);
    expect(isAmbiguousFailure(new Error('other'))).toBe(false);
  });

  it('words privilege expressions', () => {
    expect(describePrivilege('iam:role:index||common:org:affiliated')).toBe(
      'iam:role:index or any role in the org',
    );
    expect(requiredPrivilege('GET', '/iam/v1/users/{userId}/orgs')).toBeUndefined();
  });
});
