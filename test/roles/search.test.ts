import {describe, expect, it} from 'vitest';
import {
  matchedPrivileges,
  privilegeCovers,
  privilegeMatchesWord,
  roleMatches,
  searchRoles,
  searchWords,
} from '../../source/roles/index.js';
import type {RoleInfo} from '../../source/roles/index.js';

const iamAdmin: RoleInfo = {
  name: 'iam_admin',
  displayName: 'Administer organization',
  category: 'Platform Administration',
  privileges: ['iam:user:index', 'iam:user:show', 'iam:org_user:index', 'iam:access_rule:grant'],
};
const orgUsers: RoleInfo = {
  name: 'org_user_reader',
  displayName: 'Read org users',
  category: 'Platform Administration',
  privileges: ['iam:org_user:index'],
};
const billing: RoleInfo = {
  name: 'billing_center_viewer',
  displayName: 'View cloud costs',
  category: 'Cloud',
  privileges: ['optima:billing_center:index', 'optima:cost:show'],
};
const wildcard: RoleInfo = {name: 'cm_everything', category: 'Cloud', privileges: ['cm:*:*']};
const legacy: RoleInfo = {name: 'old_role', capability: 'iam'}; // no category, no privileges
const all = [iamAdmin, orgUsers, billing, wildcard, legacy];
const names = (roles: RoleInfo[]) => roles.map((role) => role.name);

describe('role search', () => {
  it('matches a privilege pattern at segment boundaries only', () => {
    expect(names(searchRoles(all, 'user:index'))).toEqual(['iam_admin']);
    expect(names(searchRoles(all, 'org_user:index'))).toEqual(['iam_admin', 'org_user_reader']);
    expect(names(searchRoles(all, 'iam:user:index'))).toEqual(['iam_admin']);
    expect(privilegeMatchesWord('iam:org_user:index', 'user:index')).toBe(false);
  });

  it('lets the last typed segment be partial and a trailing colon ask for one more segment', () => {
    expect(privilegeMatchesWord('iam:user:index', 'user:ind')).toBe(true);
    expect(privilegeMatchesWord('iam:user:index', 'us:index')).toBe(false);
    expect(privilegeMatchesWord('iam:user:index', 'user:')).toBe(true);
    expect(privilegeMatchesWord('iam:user:index', 'index:')).toBe(false);
    expect(privilegeMatchesWord('iam:user:index', ':user:index')).toBe(true);
  });

  it('treats * as any segment, typed or held', () => {
    expect(names(searchRoles(all, 'cm:server:launch'))).toEqual(['cm_everything']);
    expect(privilegeMatchesWord('iam:user:index', 'iam:*:index')).toBe(true);
    expect(privilegeMatchesWord('iam:user:show', 'iam:*:index')).toBe(false);
    expect(privilegeMatchesWord('cm:*:*', 'server:launch')).toBe(false);
    expect(privilegeMatchesWord('*:*:*', 'iam:user:index')).toBe(true);
  });

  it('matches name, display name, category and privileges as substrings, every word', () => {
    expect(names(searchRoles(all, 'costs'))).toEqual(['billing_center_viewer']);
    expect(names(searchRoles(all, 'PLATFORM'))).toEqual(['iam_admin', 'org_user_reader']);
    expect(names(searchRoles(all, 'grant'))).toEqual(['iam_admin']);
    expect(names(searchRoles(all, 'platform read'))).toEqual(['org_user_reader']);
    expect(names(searchRoles(all, 'iam'))).toContain('old_role'); // category falls back to capability
    expect(roleMatches(billing, 'cloud optima:cost')).toBe(true);
    expect(roleMatches(billing, 'cloud iam:user')).toBe(false);
  });

  it('returns everything, in order, for an empty query', () => {
    expect(names(searchRoles(all, '   '))).toEqual(names(all));
    expect(searchWords('  Foo  bar ')).toEqual(['foo', 'bar']);
  });

  it('says which privileges matched', () => {
    expect(matchedPrivileges(iamAdmin, 'user:index')).toEqual(['iam:user:index']);
    expect(matchedPrivileges(iamAdmin, 'grant')).toEqual(['iam:access_rule:grant']);
    expect(matchedPrivileges(iamAdmin, '')).toEqual([]);
  });

  it('covers privileges with wildcard patterns segment by segment', () => {
    expect(privilegeCovers('*:*:*', 'iam:user:index')).toBe(true);
    expect(privilegeCovers('iam:*:index', 'iam:user:index')).toBe(true);
    expect(privilegeCovers('iam:*:index', 'iam:user:show')).toBe(false);
    expect(privilegeCovers('iam:user', 'iam:user:index')).toBe(false);
  });
});
