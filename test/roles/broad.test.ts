import {describe, expect, it} from 'vitest';
import {
  BROAD_PRIVILEGE_COUNT,
  SERVICE_ACCOUNT_REFUSAL,
  broadReason,
  isBroadRole,
  isSuperuserRole,
  serviceAccountRefusal,
} from '../../source/roles/index.js';

const privileges = (n: number, suite = 'cm') =>
  Array.from({length: n}, (_, i) => `${suite}:thing${i}:show`);

describe('broad roles (one rule)', () => {
  it('flags the documented administration roles by name', () => {
    for (const name of ['org_owner', 'iam_admin', 'admin', 'enterprise_manager']) {
      expect(isBroadRole({name, privileges: ['cm:x:show']}), name).toBe(true);
    }
    expect(isBroadRole({name: 'observer', privileges: ['cm:cloud_resource:index']})).toBe(false);
  });

  it('flags owner and wildcard privileges', () => {
    expect(broadReason({name: 'x', privileges: ['common:org:own']})).toContain('common:org:own');
    expect(broadReason({name: 'x', privileges: ['*:*:*']})).toContain('*:*:*');
    expect(broadReason({name: 'x', privileges: ['cm:*:index']})).toContain('cm:*:index');
  });

  it('flags a role that can grant roles (it could grant itself anything)', () => {
    expect(broadReason({name: 'x', privileges: ['iam:access_rule:grant']})).toContain(
      'iam:access_rule:grant',
    );
    expect(isBroadRole({name: 'x', privileges: ['iam:*:grant']})).toBe(true);
    expect(isBroadRole({name: 'x', privileges: ['iam:access_rule:index']})).toBe(false);
  });

  it('flags wide roles: many privileges or many capabilities', () => {
    expect(isBroadRole({name: 'x', privileges: privileges(BROAD_PRIVILEGE_COUNT - 1)})).toBe(false);
    expect(broadReason({name: 'x', privileges: privileges(BROAD_PRIVILEGE_COUNT)})).toBe(
      `${BROAD_PRIVILEGE_COUNT} privileges`,
    );
    const spread = ['cm:a:show', 'optima:b:show', 'governance:c:show'];
    expect(broadReason({name: 'x', privileges: spread})).toContain('3 capabilities');
    expect(isBroadRole({name: 'x', privileges: spread.slice(0, 2)})).toBe(false);
    expect(isBroadRole({name: 'x'})).toBe(false);
  });

  it('refuses org_owner and superuser-type roles for service accounts, with the reason', () => {
    expect(serviceAccountRefusal({name: 'org_owner'})).toBe(SERVICE_ACCOUNT_REFUSAL);
    expect(SERVICE_ACCOUNT_REFUSAL).toContain('cannot be granted org_owner');
    expect(isSuperuserRole({name: 'root_like', privileges: ['*:*:*']})).toBe(true);
    expect(serviceAccountRefusal({name: 'root_like', privileges: ['common:org:own']})).toContain(
      'root_like is a superuser-type role',
    );
    // Broad is not refused: iam_admin may be granted (after a second confirmation).
    expect(serviceAccountRefusal({name: 'iam_admin', privileges: ['iam:user:index']})).toBe(
      undefined,
    );
  });
});
