/** How the account detail writes dates and scopes. Pure. */
import {parseRef} from '../../api/refs.js';
import type {AccessRule, Project} from '../../api/schemas.js';
import {inert} from '../../ui/index.js';

/** `2025-03-01` from an RFC 3339 stamp; '—' when there is none. */
export function formatDay(stamp: string | undefined): string {
  if (stamp === undefined) return '—';
  const date = new Date(stamp);
  return Number.isNaN(date.getTime()) ? inert(stamp) : date.toISOString().slice(0, 10);
}

/** `2025-03-01 14:05 UTC` from an RFC 3339 stamp. */
export function formatStamp(stamp: string | undefined): string {
  if (stamp === undefined) return '—';
  const date = new Date(stamp);
  return Number.isNaN(date.getTime())
    ? inert(stamp)
    : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "org" or "project Staging (2346)" for a grant's scope. */
export function scopeLabel(rule: AccessRule, projects: readonly Project[] | undefined): string {
  const ref = rule.scope?.ref === undefined ? undefined : parseRef(rule.scope.ref);
  if (ref === undefined || ref.type === 'org') return 'org';
  if (ref.type === 'project') {
    const project = projects?.find((p) => String(p.id) === ref.id);
    return project ? `project ${project.name} (${ref.id})` : `project ${ref.id}`;
  }
  return `${ref.type} ${ref.id}`;
}
