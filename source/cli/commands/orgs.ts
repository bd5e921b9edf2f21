/** `orgs`: the orgs the signed-in user belongs to in this zone. */
import {ExitCode} from '../../exit-codes.js';
import {CommandFailure, printJson, printTable} from '../output.js';
import {withApi} from '../api-command.js';
import type {CommandRun} from '../types.js';

export const run: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, preferences, endpoints}) => {
    const identity = await client.identity();
    if (identity.kind !== 'user') {
      throw new CommandFailure(
        'This token is not a user’s: only a user belongs to orgs. Sign in with a personal refresh token.',
        ExitCode.refused,
      );
    }
    const orgs = (await client.listUserOrgs(identity.userId)).sort((a, b) => a.id - b.id);
    const last = preferences?.lastOrg(endpoints.zone)?.id;
    if (invocation.json) {
      printJson(io, {
        zone: endpoints.zone,
        lastOrgId: last ?? null,
        orgs: orgs.map((org) => ({id: org.id, name: org.name})),
      });
    } else {
      printTable(
        io,
        ['ID', 'NAME', ''],
        orgs.map((org) => [org.id, org.name, org.id === last ? '(last used)' : '']),
      );
    }
    return ExitCode.ok;
  });
