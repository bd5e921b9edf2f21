import {describe, expect, it} from 'vitest';
import type {AccessRule} from '../../source/api/schemas.js';
import {
  ORG_SCOPE,
  describeChange,
  diffGrants,
  diffRoleNames,
  grantedRoleNames,
  grantsOf,
  projectScope,
  scopeLabel,
  scopeOfRef,
  scopeRefFor,
} from '../../source/roles/index.js';

const ORG = 1105;
const SA = 'ref::::iam:service-account:2257';

function rule(role: string, subjectRef: string, scopeRef?: string): AccessRule {
  return {
    kind: 'iam:access-rule',
    role: {name: role, kind: 'iam:role'},
    subject: {kind: 'iam:service-account', ref: subjectRef},
    ...(scopeRef === undefined ? {} : {scope: {kind: 'iam:org', ref: scopeRef}}),
  } as AccessRule;
}

describe('scopes', () => {
  it('reads org and project refs in every known form, relative to the org', () => {
    expect(scopeOfRef(undefined, ORG)).toEqual(ORG_SCOPE);
    expect(scopeOfRef('ref:nam:::iam:org:1105', ORG)).toEqual(ORG_SCOPE);
    expect(scopeOfRef('nam:::iam:org:1105', ORG)).toEqual(ORG_SCOPE);
    expect(scopeOfRef('ref:nam:::iam:org:9999', ORG)).toBeUndefined();
    expect(scopeOfRef('ref:nam:1105::iam:project:2346', ORG)).toEqual(projectScope(2346));
    expect(scopeOfRef('ref::::iam:user:5', ORG)).toBeUndefined();
    expect(scopeOfRef('garbage', ORG)).toBeUndefined();
  });

  it('sends no scope for the org (the API default) and a project ref for a project', () => {
    expect(scopeRefFor(ORG_SCOPE, ORG)).toBeUndefined();
    expect(scopeRefFor(projectScope(2346), ORG)).toBe('ref::1105::iam:project:2346');
  });

  it('labels scopes', () => {
    const names = {orgId: ORG, projects: [{id: 2346, name: 'Staging'}]};
    expect(scopeLabel(ORG_SCOPE, names)).toBe('org 1105');
    expect(scopeLabel(projectScope(2346), names)).toBe('project Staging (2346)');
    expect(scopeLabel(projectScope(7), names)).toBe('project 7');
  });
});

describe('grants from access rules', () => {
  const rules = [
    rule('observer', 'ref:nam:1105::iam:service-account:2257', 'ref:nam:::iam:org:1105'),
    rule('budget_viewer', 'nam:1105::iam:service-account:2257'),
    rule('observer', 'ref::::iam:service-account:2257'), // duplicate of the first
    rule('admin', 'ref::::iam:service-account:9999'), // another subject
    rule('policy_viewer', SA, 'ref:nam:1105::iam:project:2346'),
    rule('iam_admin', SA, 'ref:nam:::iam:org:4242'), // another org
  ];

  it('compares subjects by kind and id and keeps each grant once', () => {
    expect(grantsOf(rules, SA, ORG)).toEqual([
      {roleName: 'observer', scope: ORG_SCOPE},
      {roleName: 'budget_viewer', scope: ORG_SCOPE},
      {roleName: 'policy_viewer', scope: projectScope(2346)},
    ]);
  });

  it('selects the role names of exactly one scope', () => {
    expect(grantedRoleNames(rules, SA, ORG_SCOPE, ORG)).toEqual(['observer', 'budget_viewer']);
    expect(grantedRoleNames(rules, SA, projectScope(2346), ORG)).toEqual(['policy_viewer']);
    expect(grantedRoleNames(rules, SA, projectScope(2345), ORG)).toEqual([]);
  });
});

describe('diff', () => {
  it('grants what is wanted and not held, revokes the reverse, grants first', () => {
    expect(diffRoleNames(['observer', 'budget_viewer'], ['budget_viewer', 'iam_admin'])).toEqual([
      {action: 'grant', roleName: 'iam_admin'},
      {action: 'revoke', roleName: 'observer'},
    ]);
    expect(diffRoleNames(['a'], ['a'])).toEqual([]);
    expect(diffRoleNames([], ['a'], 'ref::1105::iam:project:1')).toEqual([
      {action: 'grant', roleName: 'a', scopeRef: 'ref::1105::iam:project:1'},
    ]);
  });

  it('diffs across scopes: the same role in another scope is another grant', () => {
    const current = [
      {roleName: 'observer', scope: ORG_SCOPE},
      {roleName: 'policy_viewer', scope: projectScope(2346)},
    ];
    const wanted = [
      {roleName: 'observer', scope: ORG_SCOPE},
      {roleName: 'observer', scope: projectScope(2346)},
      {roleName: 'observer', scope: projectScope(2346)}, // repeated: one change
    ];
    expect(diffGrants(current, wanted, ORG)).toEqual([
      {action: 'grant', roleName: 'observer', scopeRef: 'ref::1105::iam:project:2346'},
      {action: 'revoke', roleName: 'policy_viewer', scopeRef: 'ref::1105::iam:project:2346'},
    ]);
    expect(diffGrants(current, current, ORG)).toEqual([]);
  });

  it('words a change as the preview shows it', () => {
    const names = {orgId: ORG, projects: new Map([[2346, 'Staging']])};
    expect(
      describeChange({action: 'grant', roleName: 'iam_admin'}, names, {
        displayName: 'Administer organization',
      }),
    ).toBe('+ grant iam_admin (Administer organization) on org 1105');
    expect(
      describeChange(
        {action: 'revoke', roleName: 'observer', scopeRef: 'ref::1105::iam:project:2346'},
        names,
      ),
    ).toBe('− revoke observer on project Staging (2346)');
  });
});
