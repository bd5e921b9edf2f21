/**
 * `grants list|add|revoke`: the roles a service account holds, on the org or one project. The
 * picker's rules hold here too: unknown roles and superuser-type roles are refused, and a broad
 * role (roles/broad.ts) needs --yes, as it needs a typed confirmation in the app.
 */
import {serviceAccountRef} from '../../api/refs.js';
import {ExitCode} from '../../exit-codes.js';
import {grantsOf, sameScope, scopeRefFor} from '../../roles/index.js';
import {CommandFailure, printJson, printTable, requireConsent} from '../output.js';
import {withApi} from '../api-command.js';
import type {CommandRun} from '../types.js';
import {
  orgAccess,
  checkRoles,
  findAccount,
  grantRecord,
  scopeOf,
  scopeWords,
  sortGrants,
} from './org-data.js';

export const list: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId}) => {
    const org = orgId();
    const account = await findAccount(client, org, invocation.account!);
    const rules = await orgAccess(client, org).then((access) => access.rules);
    const grants = sortGrants(grantsOf(rules, serviceAccountRef(account.id), org));
    if (invocation.json) {
      printJson(io, {orgId: org, serviceAccountId: account.id, grants: grants.map(grantRecord)});
    } else {
      printTable(
        io,
        ['ROLE', 'SCOPE'],
        grants.map((g) => [g.roleName, scopeWords(g.scope, org)]),
      );
    }
    return ExitCode.ok;
  });

function change(action: 'grant' | 'revoke'): CommandRun {
  return (invocation, io) =>
    withApi(invocation, io, async ({client, orgId}) => {
      const org = orgId();
      const names = [...new Set(invocation.args)];
      const scope = scopeOf(invocation.project);
      const where = scopeWords(scope, org);
      const account = await findAccount(client, org, invocation.account!);
      const subjectRef = serviceAccountRef(account.id);
      if (scope.kind === 'project') {
        const projects = await client.listProjects(org);
        if (!projects.some((p) => p.id === invocation.project)) {
          throw new CommandFailure(
            `No project ${invocation.project} in org ${org}; nothing was changed.`,
            ExitCode.refused,
          );
        }
      }
      if (action === 'grant') {
        const checked = checkRoles(await client.listRoles(org), names);
        const broad = checked.filter((c) => c.broad !== undefined);
        if (broad.length > 0) {
          const why = broad.map((c) => `${c.role.name} ${c.broad}`).join('; ');
          await requireConsent(
            io,
            invocation.yes,
            `Grant broad role${broad.length > 1 ? 's' : ''} on ${where}? (${why})`,
            `${broad.map((c) => c.role.name).join(', ')} ${broad.length > 1 ? 'are broad roles' : 'is a broad role'} (${why}).`,
          );
        }
      } else {
        await requireConsent(
          io,
          invocation.yes,
          `Revoke ${names.join(', ')} from "${account.name}" on ${where}?`,
          `Revoking ${names.join(', ')} from "${account.name}" on ${where} takes access away.`,
        );
      }
      const scopeRef = scopeRefFor(scope, org);
      const done: string[] = [];
      for (const name of names) {
        const request = {role: {name}, subjectRef, scopeRef};
        // Grant and revoke are idempotent (API.md §6.5): a retried command changes nothing twice.
        if (action === 'grant') await client.grantRole(org, request);
        else await client.revokeRole(org, request);
        done.push(name);
      }
      const rules = await client.listAccessRules(org, scopeRef ? {scopeRef} : {});
      const held = grantsOf(rules, subjectRef, org).filter((g) => sameScope(g.scope, scope));
      if (invocation.json) {
        printJson(io, {
          orgId: org,
          serviceAccountId: account.id,
          [action === 'grant' ? 'granted' : 'revoked']: done.map((role) =>
            grantRecord({roleName: role, scope}),
          ),
          grants: sortGrants(held).map(grantRecord),
        });
      } else {
        printTable(
          io,
          ['DONE', 'ROLE', 'SCOPE'],
          done.map((role) => [action === 'grant' ? 'granted' : 'revoked', role, where]),
        );
      }
      return ExitCode.ok;
    });
}

export const add = change('grant');
export const revoke = change('revoke');
