import {describe, expect, it} from 'vitest';
import {
  groupByCategory,
  narrowerRoles,
  orderByCategory,
  roleCategory,
  roleLabel,
  rolesGranting,
  suggestRoles,
} from '../../source/roles/index.js';
import type {RoleInfo} from '../../source/roles/index.js';

const roles: RoleInfo[] = [
  {name: 'org_owner', category: 'Platform', privileges: ['common:org:own']},
  {
    name: 'observer',
    displayName: 'View cloud',
    category: 'Cloud',
    privileges: ['cm:res:index', 'cm:res:show'],
  },
  {
    name: 'iam_admin',
    category: 'Platform',
    privileges: ['iam:user:index', 'iam:user:show', 'iam:access_rule:grant'],
  },
  {
    name: 'admin',
    category: 'Cloud',
    privileges: ['cm:res:index', 'cm:res:show', 'cm:acct:index', 'cm:acct:delete'],
  },
  {name: 'user_reader', category: 'Platform', privileges: ['iam:user:index']},
  {name: 'acct_reader', category: 'Cloud', privileges: ['cm:acct:index']},
  {name: 'loose', privileges: ['x:y:z']},
];
const names = (list: RoleInfo[]) => list.map((role) => role.name);

describe('catalogue', () => {
  it('groups by category in order of first appearance, keeping catalogue order inside', () => {
    expect(groupByCategory(roles).map((g) => [g.category, names([...g.roles])])).toEqual([
      ['Platform', ['org_owner', 'iam_admin', 'user_reader']],
      ['Cloud', ['observer', 'admin', 'acct_reader']],
      ['Other', ['loose']],
    ]);
    expect(names(orderByCategory(roles))).toEqual([
      'org_owner',
      'iam_admin',
      'user_reader',
      'observer',
      'admin',
      'acct_reader',
      'loose',
    ]);
  });

  it('names roles for people', () => {
    expect(roleLabel(roles[1]!)).toBe('View cloud (observer)');
    expect(roleLabel({name: 'x'})).toBe('x');
    expect(roleCategory({name: 'x', category: ' ', capability: 'iam'})).toBe('iam');
  });
});

describe('least privilege', () => {
  it('lists the roles granting a privilege narrowest first, never superuser ones', () => {
    expect(names(rolesGranting(roles, 'iam:user:index'))).toEqual(['user_reader', 'iam_admin']);
    expect(names(rolesGranting(roles, 'cm:acct:index'))).toEqual(['acct_reader', 'admin']);
    expect(rolesGranting(roles, 'nothing:at:all')).toEqual([]);
  });

  it('suggests a small cover without broad roles when narrow ones suffice', () => {
    const suggestion = suggestRoles(roles, ['iam:user:index', 'cm:res:show', 'cm:acct:index']);
    expect(names(suggestion.roles)).toEqual(['user_reader', 'acct_reader', 'observer']);
    expect(suggestion.uncovered).toEqual([]);
  });

  it('falls back to a broad role only for what nothing narrower covers, and says what is left', () => {
    const suggestion = suggestRoles(roles, ['cm:acct:delete', 'iam:user:index', 'no:such:thing']);
    expect(names(suggestion.roles)).toEqual(['user_reader', 'admin']);
    expect(suggestion.uncovered).toEqual(['no:such:thing']);
  });

  it('offers narrower roles that do part of a broad role’s job', () => {
    expect(names(narrowerRoles(roles[3]!, roles))).toEqual(['observer', 'acct_reader']);
    expect(names(narrowerRoles(roles[2]!, roles))).toEqual(['user_reader']);
    expect(narrowerRoles(roles[0]!, roles)).toEqual([]);
  });
});
