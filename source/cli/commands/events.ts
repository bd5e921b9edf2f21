/**
 * `events [--since 30d|DATE] [--account ID]`: the org's API events in a window ending now, newest
 * first; with --account only that service account's calls. One paged read of the org, as the
 * screens do (the API filters by time only, API.md §12.1).
 */
import type {ActivityEvent} from '../../api/api-events.js';
import {eventsPrivilegeNeeded} from '../../events/access.js';
import {sinceWindow} from '../../events/since.js';
import {isServiceAccountEvent} from '../../events/usage.js';
import {ExitCode} from '../../exit-codes.js';
import {withApi} from '../api-command.js';
import {CommandFailure, printJson, printTable, say} from '../output.js';
import type {CommandRun} from '../types.js';

/** One event in the JSON document (README "Scripting"): add fields, never rename or remove one. */
export interface EventRecord {
  at: string;
  /** null: a call without a valid token. */
  principal: {
    kind: 'user' | 'service-account' | 'other';
    id: number | null;
    name: string | null;
    ref: string | null;
  } | null;
  method: string;
  path: string | null;
  status: number | null;
  ip: string | null;
  userAgent: string | null;
  durationMs: number | null;
}

function eventRecord(event: ActivityEvent): EventRecord {
  const who = event.principal;
  return {
    at: new Date(event.at).toISOString(),
    principal: who
      ? {kind: who.kind, id: who.id ?? null, name: who.name ?? null, ref: who.ref ?? null}
      : null,
    method: event.method,
    path: event.path ?? null,
    status: event.status ?? null,
    ip: event.ip ?? null,
    userAgent: event.userAgent ?? null,
    durationMs: event.durationMs ?? null,
  };
}

/** `sa 2257 billing-export`, `user 121456 Alex Morgan`, or `(no valid token)`. */
function principalWords(event: ActivityEvent): string {
  const who = event.principal;
  if (!who) return '(no valid token)';
  const kind = who.kind === 'service-account' ? 'sa' : who.kind;
  return [kind, who.id ?? who.ref, who.name].filter((part) => part !== undefined).join(' ');
}

/** `2026-11-27 14:05:09Z`: to the second, UTC. */
const when = (at: number) => `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')}Z`;

export const run: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId}) => {
    const org = orgId();
    const range = sinceWindow(invocation.since, Date.now());
    if ('problem' in range) throw new CommandFailure(range.problem);
    const {window} = range;
    const accountId = invocation.account;
    const events: ActivityEvent[] = [];
    let skipped = 0;
    try {
      for await (const page of client.readApiEvents(org, window)) {
        skipped += page.skipped;
        for (const event of page.events) {
          if (accountId === undefined || isServiceAccountEvent(event, accountId)) {
            events.push(event);
          }
        }
      }
    } catch (error) {
      const needs = eventsPrivilegeNeeded(error);
      if (!needs) throw error;
      throw new CommandFailure(
        `Reading the API events of org ${org} needs ${needs} in that org. Ask an org owner to grant you iam_admin, or name an org where you hold it.`,
        ExitCode.refused,
      );
    }
    // The service sends them oldest first; a reader wants the latest on top.
    events.reverse();
    const from = new Date(window.from).toISOString();
    const to = new Date(window.to).toISOString();
    if (invocation.json) {
      printJson(io, {
        orgId: org,
        serviceAccountId: accountId ?? null,
        from,
        to,
        skipped,
        events: events.map(eventRecord),
      });
      return ExitCode.ok;
    }
    if (skipped > 0) say(io, `${skipped} items of the answer were not events and were skipped.`);
    if (events.length === 0) {
      const whose = accountId === undefined ? '' : ` by service account ${accountId}`;
      say(io, `no API events${whose} in org ${org} from ${from} to ${to}.`);
      return ExitCode.ok;
    }
    printTable(
      io,
      ['WHEN', 'PRINCIPAL', 'METHOD', 'PATH', 'STATUS', 'IP', 'USER AGENT'],
      events.map((event) => [
        when(event.at),
        principalWords(event),
        event.method,
        event.path ?? '-',
        event.status ?? '-',
        event.ip ?? '-',
        event.userAgent ?? '-',
      ]),
    );
    return ExitCode.ok;
  });
