import {describe, expect, it} from 'vitest';
import {
  AccessRuleSchema,
  OrgUserPageSchema,
  RoleSchema,
  ServiceAccountClientSchema,
  ServiceAccountSchema,
  listOf,
} from '../../source/api/schemas.js';

describe('schemas', () => {
  it('accepts bare arrays and {values} envelopes alike', () => {
    const role = {
      id: 678907,
      name: 'iam_admin',
      kind: 'iam#role',
      createdAt: '2020-03-20T16:18:56.542732Z',
    };
    const schema = listOf(RoleSchema);
    expect(schema.parse([role])).toEqual([role]);
    expect(schema.parse({kind: 'whatever', values: [role]})).toEqual([role]);
  });

  it('coerces numeric-string ids, keeps unknown fields, does not pin kind', () => {
    const rule = AccessRuleSchema.parse({
      kind: 'iam:access-rule',
      createdAt: '2021-04-11T23:25:27Z',
      role: {id: '89', kind: 'iam:role', name: 'iam_admin'},
      scope: {kind: 'iam:org', ref: 'nam:::iam:org:100'},
      subject: {
        id: '67890',
        kind: 'iam:service-account',
        ref: 'nam:100::iam:service-account:67890',
      },
      extra: 1,
    });
    expect(rule.role.id).toBe(89);
    expect(rule.subject.id).toBe(67890);
    expect((rule as Record<string, unknown>).extra).toBe(1);
    expect(ServiceAccountSchema.parse({id: 1, name: 'a', kind: 'iam:service-account'}).kind).toBe(
      'iam:service-account',
    );
  });

  it('rejects ids that are not positive integers', () => {
    expect(ServiceAccountSchema.safeParse({id: 'abc', name: 'a'}).success).toBe(false);
    expect(ServiceAccountSchema.safeParse({id: 0, name: 'a'}).success).toBe(false);
  });

  it('drops secret fields from listed clients', () => {
    const client = ServiceAccountClientSchema.parse({
      clientId: 'c1',
      clientSecret: 'should-not-survive',
      encryptedSecret: 'x',
      createdBy: 1,
      createdAt: '2023-07-10T20:50:41.195629Z',
      kind: 'iam#service-account-client',
    });
    expect(client).toEqual({
      clientId: 'c1',
      createdBy: 1,
      createdAt: '2023-07-10T20:50:41.195629Z',
      kind: 'iam#service-account-client',
    });
  });

  it('reads user pages with or without nextPage', () => {
    const user = {id: 1, email: 'a@b.c', kind: 'iam#user', ref: 'iam#user:1'};
    expect(OrgUserPageSchema.parse({values: [user], nextPage: '/x?skipToken=1'}).nextPage).toBe(
      '/x?skipToken=1',
    );
    expect(OrgUserPageSchema.parse([user]).nextPage).toBeUndefined();
  });
});
