/**
 * `roles [--privilege P]`: the org's role catalogue, with the picker's broad flag; --privilege
 * keeps the roles whose privileges match (roles/search.ts: a privilege or words).
 */
import {ExitCode} from '../../exit-codes.js';
import {
  broadReason,
  matchedPrivileges,
  orderByCategory,
  roleCategory,
  searchRoles,
  serviceAccountRefusal,
} from '../../roles/index.js';
import {printJson, printTable, say} from '../output.js';
import {withApi} from '../api-command.js';
import type {CommandRun} from '../types.js';

export const run: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId}) => {
    const org = orgId();
    const query = invocation.privilege?.trim();
    const all = orderByCategory(await client.listRoles(org));
    const roles = query ? searchRoles(all, query) : all;
    if (invocation.json) {
      printJson(io, {
        orgId: org,
        roles: roles.map((role) => ({
          name: role.name,
          displayName: role.displayName ?? '',
          category: roleCategory(role),
          broad: broadReason(role) !== undefined,
          broadReason: broadReason(role) ?? null,
          forServiceAccounts: serviceAccountRefusal(role) === undefined,
          privileges: role.privileges ?? [],
          ...(query ? {matchedPrivileges: matchedPrivileges(role, query)} : {}),
        })),
      });
      return ExitCode.ok;
    }
    if (roles.length === 0) {
      say(
        io,
        `no role of org ${org} matches "${query}"; try fewer words or a privilege such as iam:user:index.`,
      );
      return ExitCode.ok;
    }
    printTable(
      io,
      ['NAME', 'CATEGORY', 'NOTE', query ? 'MATCHED' : 'DISPLAY NAME'],
      roles.map((role) => [
        role.name,
        roleCategory(role),
        serviceAccountRefusal(role) ? 'not for service accounts' : broadReason(role) ? 'broad' : '',
        query ? matchedPrivileges(role, query).join(', ') : (role.displayName ?? ''),
      ]),
    );
    return ExitCode.ok;
  });
