/**
 * Role search: by name, display name, category or privilege. Every word of the query must match
 * (case-insensitive). A word without `:` matches as a substring of the name, display name,
 * category or any privilege ("billing", "grant"). A word with `:` is a privilege pattern matched
 * at segment boundaries, so `user:index` finds `iam:user:index` but not `iam:org_user:index`:
 * whole segments, except that the last one may be partly typed (`user:ind`). A typed `*` matches
 * any segment; a held `*` (`cm:*:*`) matches when the pattern starts at the suite
 * (`cm:server:launch`).
 */
import {roleCategory} from './catalogue.js';
import {privilegeSegments} from './privileges.js';
import type {RoleInfo} from './types.js';

/** Lower-case words of a query. */
export function searchWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
}

/** Whether a privilege-pattern word (it contains `:`) matches a held privilege. */
export function privilegeMatchesWord(privilege: string, word: string): boolean {
  const held = privilegeSegments(privilege);
  const typed = word.toLowerCase().split(':');
  // A leading ':' only says "at a segment start", which every pattern is.
  const parts = typed[0] === '' ? typed.slice(1) : typed;
  if (parts.length === 0) return true;
  for (let start = 0; start + parts.length <= held.length; start++) {
    const ok = parts.every((part, i) => {
      const segment = held[start + i] ?? '';
      // A held `*` stands for a definite segment only when the typed pattern starts at the
      // suite: `cm:*:*` grants cm:user:index, not every "user:index".
      if (part === '*' || (segment === '*' && start === 0)) return true;
      return i === parts.length - 1 ? segment.startsWith(part) : segment === part;
    });
    if (ok) return true;
  }
  return false;
}

function wordMatches(role: RoleInfo, word: string): boolean {
  if (word.includes(':')) {
    return (role.privileges ?? []).some((privilege) => privilegeMatchesWord(privilege, word));
  }
  const fields = [
    role.name,
    role.displayName ?? '',
    roleCategory(role),
    ...(role.privileges ?? []),
  ];
  return fields.some((field) => field.toLowerCase().includes(word));
}

export function roleMatches(role: RoleInfo, query: string): boolean {
  return searchWords(query).every((word) => wordMatches(role, word));
}

/** The roles matching the query, in their given order (all of them for an empty query). */
export function searchRoles<R extends RoleInfo>(roles: readonly R[], query: string): R[] {
  const words = searchWords(query);
  if (words.length === 0) return [...roles];
  return roles.filter((role) => words.every((word) => wordMatches(role, word)));
}

/** The role's privileges that some word of the query matched (to show why a role matched). */
export function matchedPrivileges(role: RoleInfo, query: string): string[] {
  const words = searchWords(query);
  if (words.length === 0) return [];
  return (role.privileges ?? []).filter((privilege) =>
    words.some((word) =>
      word.includes(':')
        ? privilegeMatchesWord(privilege, word)
        : privilege.toLowerCase().includes(word),
    ),
  );
}
