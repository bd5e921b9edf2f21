import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {call, expectGoa, MICRO_TIMESTAMP, start, userToken} from './helpers.js';

interface Rule {
  kind: string;
  createdAt: string;
  role: {id: number; kind: string; name: string; displayName: string; category: string};
  scope: {id: number; kind: string; ref: string};
  subject: {
    id: number;
    kind: string;
    ref: string;
    email?: string;
    firstName?: string;
    lastName?: string;
    name?: string;
  };
}

describe('access rules', () => {
  let emu: Emulator;
  let nam: string;
  let token: string;
  const base = '/iam/v1/orgs/1105/access-rules';

  beforeEach(async () => {
    emu = await start();
    nam = emu.zones.nam.api;
    token = await userToken(emu);
  });
  afterEach(() => emu.close());

  const rules = async (filter?: string, view?: string) => {
    const query = new URLSearchParams();
    if (filter !== undefined) query.set('filter', filter);
    if (view !== undefined) query.set('view', view);
    return call<{kind: string; values: Rule[]}>(nam, `${base}${query.size ? `?${query}` : ''}`, {
      token,
    });
  };
  const grant = (body: unknown) => call(nam, `${base}/grant`, {method: 'PUT', token, body});
  const revoke = (body: unknown) => call(nam, `${base}/revoke`, {method: 'PUT', token, body});
  const rolesOf = async (ref: string) =>
    (await rules(`subjectRef eq '${ref}'`)).body.values.map((r) => r.role.name).sort();

  it('lists rules in the iam:access-rule-list envelope, with integer ids and ref:-prefixed refs', async () => {
    const answer = await rules();
    expect(answer.status).toBe(200);
    expect(answer.body.kind).toBe('iam:access-rule-list');
    const sa = answer.body.values.find(
      (r) => r.subject.kind === 'iam:service-account' && r.subject.id === 2260,
    )!;
    expect(sa).toEqual({
      kind: 'iam:access-rule',
      createdAt: sa.createdAt,
      role: {
        id: 678907,
        kind: 'iam:role',
        name: 'iam_admin',
        displayName: 'Administer organization',
        category: 'Platform Administration',
      },
      scope: {id: 1105, kind: 'iam:org', ref: 'ref:nam:::iam:org:1105'},
      subject: {
        id: 2260,
        kind: 'iam:service-account',
        ref: 'ref:nam:1105::iam:service-account:2260',
      },
    });
    expect(sa.createdAt).toMatch(MICRO_TIMESTAMP);
    const owner = answer.body.values.find((r) => r.role.name === 'org_owner')!;
    expect(owner.subject).toEqual({
      id: emu.seed.demoUser.nam.id,
      kind: 'iam:user',
      ref: `ref:nam:::iam:user:${emu.seed.demoUser.nam.id}`,
    });
  });

  it('filters by subjectRef with or without ref:, zone and org, by roleName, and by both', async () => {
    for (const ref of [
      'ref::::iam:service-account:2258',
      'ref:nam:1105::iam:service-account:2258',
      'nam:1105::iam:service-account:2258',
    ]) {
      expect(await rolesOf(ref)).toEqual(['policy_manager', 'policy_viewer']);
    }
    const admins = (await rules("roleName eq 'iam_admin'")).body.values
      .map((r) => r.subject.ref)
      .sort();
    expect(admins).toEqual(['ref:nam:1105::iam:service-account:2260', 'ref:nam:::iam:user:121458']);
    const both = await rules(
      'subjectRef eq \'ref::::iam:service-account:2258\' and roleName eq "policy_viewer"',
    );
    expect(both.body.values.map((r) => r.role.name)).toEqual(['policy_viewer']);
    expect((await rules("(roleName eq 'org_owner')")).body.values).toHaveLength(1);
  });

  it('lists org-scope rules by default and project-scope rules when asked for that scope [I]', async () => {
    expect((await rules()).body.values.every((r) => r.scope.kind === 'iam:org')).toBe(true);
    const project = await rules("scopeRef eq 'ref:nam:1105::iam:project:2346'");
    expect(project.body.values).toHaveLength(1);
    expect(project.body.values[0]!.scope).toEqual({
      id: 2346,
      kind: 'iam:project',
      ref: 'ref:nam:1105::iam:project:2346',
    });
    expect((await rules("scopeRef eq 'ref:nam:::iam:org:1105'")).body.values.length).toBe(
      (await rules()).body.values.length,
    );
  });

  it('adds subject details with view=extended', async () => {
    const user = (
      await rules(`subjectRef eq 'ref::::iam:user:${emu.seed.demoUser.nam.id}'`, 'extended')
    ).body.values[0]!;
    expect(user.subject).toMatchObject({
      email: emu.seed.demoUser.nam.email,
      firstName: 'Alex',
      lastName: 'Morgan',
    });
    const sa = (await rules("subjectRef eq 'ref::::iam:service-account:2260'", 'extended')).body
      .values[0]!;
    expect(sa.subject.name).toBe('terraform-iam');
    expect((await rules(undefined, 'default')).body.values[0]!.subject).not.toHaveProperty('email');
    expectGoa(await rules(undefined, 'full'), 400, 'bad_request');
  });

  it('answers 400 for filters it cannot parse or does not support', async () => {
    for (const filter of [
      "subjectRef eq 'ref::::iam:user:1",
      "roleName eq 'a' or roleName eq 'b'",
      "roleName co 'admin'",
      "color eq 'blue'",
      'roleName eq',
      "subjectRef eq 'iam#service-account:2258'",
      "scopeRef eq 'ref:nam:::iam:org:1180'",
      '',
    ]) {
      expectGoa(await rules(filter), 400, 'bad_request');
    }
  });

  it('grants idempotently (204) by role name or id, with refs in any accepted form', async () => {
    const ref = 'ref::::iam:service-account:2261';
    const first = await grant({role: {name: 'observer'}, subject: {ref}});
    expect(first.status).toBe(204);
    expect(first.text).toBe('');
    expect(
      (
        await grant({
          role: {name: 'observer'},
          subject: {ref: 'ref:nam:1105::iam:service-account:2261'},
        })
      ).status,
    ).toBe(204);
    expect(await rolesOf(ref)).toEqual(['observer']);
    expect(
      (
        await grant({
          role: {id: emu.seed.roleIds.budget_viewer},
          subject: {ref},
          scope: {ref: 'ref:nam:::iam:org:1105'},
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await grant({
          role: {name: 'policy_viewer', id: emu.seed.roleIds.policy_viewer},
          subject: {ref},
        })
      ).status,
    ).toBe(204);
    expect(await rolesOf(ref)).toEqual(['budget_viewer', 'observer', 'policy_viewer']);
    expect(
      (
        await grant({
          role: {name: 'observer'},
          subject: {ref},
          scope: {ref: 'ref:nam:1105::iam:project:2345'},
        })
      ).status,
    ).toBe(204);
    const scoped = await rules(
      `subjectRef eq '${ref}' and scopeRef eq 'ref::1105::iam:project:2345'`,
    );
    expect(scoped.body.values.map((r) => r.role.name)).toEqual(['observer']);
  });

  it('refuses invalid grants with 400 and a reason', async () => {
    const cases: Array<[unknown, string]> = [
      [{role: {name: 'org_owner'}, subject: {ref: 'ref::::iam:service-account:2261'}}, 'org_owner'],
      [
        {role: {name: 'no_such_role'}, subject: {ref: 'ref::::iam:service-account:2261'}},
        'no_such_role',
      ],
      [{role: {id: 1}, subject: {ref: 'ref::::iam:service-account:2261'}}, 'role 1'],
      [
        {
          role: {name: 'observer', id: emu.seed.roleIds.iam_admin},
          subject: {ref: 'ref::::iam:service-account:2261'},
        },
        'different',
      ],
      [{role: {}, subject: {ref: 'ref::::iam:service-account:2261'}}, 'name or id'],
      [{subject: {ref: 'ref::::iam:service-account:2261'}}, 'role'],
      [{role: {name: 'observer'}}, 'subject.ref'],
      [
        {role: {name: 'observer'}, subject: {ref: 'ref::::iam:service-account:2241'}},
        'another org',
      ],
      [
        {role: {name: 'observer'}, subject: {ref: 'ref:nam:1180::iam:service-account:2261'}},
        'another org',
      ],
      [{role: {name: 'observer'}, subject: {ref: 'ref::::iam:service-account:999999'}}, '999999'],
      [{role: {name: 'observer'}, subject: {ref: 'ref::::iam:user:999999'}}, '999999'],
      [{role: {name: 'observer'}, subject: {ref: 'iam#service-account:2261'}}, 'not a valid ref'],
      [{role: {name: 'observer'}, subject: {ref: 'ref:eu:::iam:user:121456'}}, 'zone'],
      [
        {
          role: {name: 'observer'},
          subject: {ref: 'ref::::iam:service-account:2261'},
          scope: {ref: 'ref:nam:::iam:org:1180'},
        },
        '1105',
      ],
      [
        {
          role: {name: 'observer'},
          subject: {ref: 'ref::::iam:service-account:2261'},
          scope: {ref: 'ref:nam:1180::iam:project:2401'},
        },
        '2401',
      ],
      [{role: {all: true}, subject: {ref: 'ref::::iam:service-account:2261'}}, 'revoking'],
    ];
    for (const [body, reason] of cases) {
      const answer = await grant(body);
      expectGoa(answer, 400, 'bad_request');
      expect((answer.body as {message: string}).message, JSON.stringify(body)).toContain(reason);
    }
  });

  it('revokes idempotently by name, and everything with all: true', async () => {
    const ref = 'ref::::iam:service-account:2258';
    expect((await revoke({role: {name: 'policy_manager'}, subject: {ref}})).status).toBe(204);
    expect((await revoke({role: {name: 'policy_manager'}, subject: {ref}})).status).toBe(204);
    expect(await rolesOf(ref)).toEqual(['policy_viewer']);
    expect((await grant({role: {name: 'observer'}, subject: {ref}})).status).toBe(204);
    expect((await revoke({role: {all: true}, subject: {ref}})).status).toBe(204);
    expect(await rolesOf(ref)).toEqual([]);
    expectGoa(
      await revoke({role: {all: true, name: 'observer'}, subject: {ref}}),
      400,
      'bad_request',
    );
    expectGoa(await revoke({role: {name: 'no_such_role'}, subject: {ref}}), 400, 'bad_request');
  });

  it('keeps the last org_owner [I]', async () => {
    const ref = `ref::::iam:user:${emu.seed.demoUser.nam.id}`;
    expectGoa(await revoke({role: {name: 'org_owner'}, subject: {ref}}), 400, 'bad_request');
    expect(
      (
        await grant({
          role: {name: 'org_owner'},
          subject: {ref: `ref::::iam:user:${emu.seed.viewer.id}`},
        })
      ).status,
    ).toBe(204);
    expect((await revoke({role: {name: 'org_owner'}, subject: {ref}})).status).toBe(204);
  });

  it('makes a user granted a role a member of the org', async () => {
    const outsider = 121486; // Grace Owens, org 1180 only
    expectGoa(await call(nam, `/iam/v1/orgs/1105/users/${outsider}`, {token}), 404, 'not_found');
    expect(
      (await grant({role: {name: 'observer'}, subject: {ref: `ref:nam:::iam:user:${outsider}`}}))
        .status,
    ).toBe(204);
    expect((await call(nam, `/iam/v1/orgs/1105/users/${outsider}`, {token})).status).toBe(200);
  });
});
