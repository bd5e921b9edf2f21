/** How the account detail writes dates, scopes and long text. Pure. */
import {parseRef} from '../../api/refs.js';
import type {AccessRule, Project} from '../../api/schemas.js';
import {displayWidth, graphemes, inert} from '../../ui/index.js';

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

/** Plain text wrapped at word boundaries to `width` columns (long words are cut). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('⏎')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (displayWidth(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (displayWidth(rest) > width) {
        let head = '';
        const parts = graphemes(rest);
        let i = 0;
        while (i < parts.length && displayWidth(head + parts[i]!) <= width) head += parts[i++]!;
        if (head === '') break;
        lines.push(head);
        rest = parts.slice(i).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
