/**
 * `export`: an org's service accounts with their grants and their clients' ids and dates, as one
 * document (the shape of a team file plus what only the server knows). Never a secret: the API
 * never returns one after minting.
 */
import type {ServiceAccountClient} from '../../api/schemas.js';
import {ExitCode} from '../../exit-codes.js';
import {printJson} from '../output.js';
import {withApi} from '../api-command.js';
import type {CommandRun} from '../types.js';
import {inert} from '../../ui/text.js';
import {
  accountRecord,
  orgAccess,
  clientRecord,
  grantRecord,
  grantsByAccount,
  scopeWords,
  sortGrants,
} from './org-data.js';

export const run: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId, endpoints}) => {
    const org = orgId();
    const [accounts, rules] = await Promise.all([
      client.listServiceAccounts(org),
      orgAccess(client, org).then((access) => access.rules),
    ]);
    accounts.sort((a, b) => a.id - b.id);
    const grants = grantsByAccount(
      rules,
      accounts.map((a) => a.id),
      org,
    );
    const clients: ServiceAccountClient[][] = [];
    for (const account of accounts) clients.push(await client.listClients(org, account.id));
    const records = accounts.map((account, index) => ({
      ...accountRecord(account),
      grants: sortGrants(grants.get(account.id) ?? []).map(grantRecord),
      clients: clients[index]!.map(clientRecord),
    }));
    if (invocation.json) {
      printJson(io, {orgId: org, zone: endpoints.zone, serviceAccounts: records});
      return ExitCode.ok;
    }
    for (const [index, record] of records.entries()) {
      if (index > 0) io.stdout.write('\n');
      io.stdout.write(`${inert(record.name)} (id ${record.id})\n`);
      if (record.description) io.stdout.write(`  description: ${inert(record.description)}\n`);
      const roles = sortGrants(grants.get(record.id) ?? []).map(
        (g) => `${inert(g.roleName)} on ${scopeWords(g.scope, org)}`,
      );
      io.stdout.write(`  roles:       ${roles.join(', ') || 'none'}\n`);
      const ids = record.clients.map((c) => `${inert(c.clientId)} (${c.createdAt ?? 'no date'})`);
      io.stdout.write(`  clients:     ${ids.join(', ') || 'none'}\n`);
    }
    return ExitCode.ok;
  });
