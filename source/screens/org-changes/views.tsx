/** How one change reads: when, who, what, to which account (linked while it exists). */
import {CHANGE_WORDS, type OrgChange} from '../../events/changes.js';
import type {Column} from '../../ui/index.js';

import {formatWhen} from '../activity/views.js';

export interface ChangeRow {
  change: OrgChange;
  /** The account's current name; undefined when it no longer exists (or the change names none). */
  accountName?: string;
  key: string;
}

export function whoText(change: OrgChange): string {
  const by = change.by;
  if (!by) return '(nobody recorded)';
  const name = by.name ?? `${by.kind} ${by.id ?? '?'}`;
  return by.kind === 'service-account' ? `${name} (SA)` : name;
}

export function whatText(row: ChangeRow): string {
  const {change} = row;
  const words = CHANGE_WORDS[change.kind];
  if (change.accountId === undefined) return words;
  const target =
    row.accountName !== undefined
      ? `${row.accountName} (${change.accountId})`
      : `account ${change.accountId} (gone)`;
  return `${words} ${target}`;
}

export const CHANGE_COLUMNS: readonly Column<ChangeRow>[] = [
  {header: 'When (UTC)', width: 11, value: (row) => formatWhen(row.change.at)},
  {header: 'Who', width: 18, value: (row) => whoText(row.change)},
  {
    header: 'What',
    width: 'fill',
    value: whatText,
    color: (row) =>
      row.change.accountId !== undefined && row.accountName === undefined ? 'gray' : undefined,
  },
  {header: 'IP', width: 13, value: (row) => row.change.ip ?? '—'},
];
