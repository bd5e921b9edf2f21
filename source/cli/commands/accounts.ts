/** `accounts list|show|create|edit|delete`: the service accounts of an org. */
import {
  accountChanges,
  accountInput,
  sameNameAccount,
  validateAccountFields,
} from '../../account-fields.js';
import {serviceAccountRef} from '../../api/refs.js';
import {ExitCode} from '../../exit-codes.js';
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../../limits.js';
import {grantsOf} from '../../roles/index.js';
import {
  CommandFailure,
  printFields,
  printJson,
  printTable,
  requireConsent,
  say,
} from '../output.js';
import {withApi} from '../api-command.js';
import type {CommandRun, Invocation} from '../types.js';
import {
  accountRecord,
  orgAccess,
  clientRecord,
  findAccount,
  grantRecord,
  scopeWords,
  sortGrants,
} from './org-data.js';

/** The fields as given on the command line, checked with the form's rules. */
function checkedFields(invocation: Invocation, initial?: {name: string; description: string}) {
  const values = {
    name: invocation.name ?? initial?.name ?? '',
    description: invocation.description ?? initial?.description ?? '',
  };
  const errors = validateAccountFields(values, initial);
  const problem = errors.name
    ? `--name: ${errors.name}`
    : errors.description
      ? `--description: ${errors.description}`
      : undefined;
  if (problem) throw new CommandFailure(`${problem} Nothing was sent.`);
  return values;
}

export const list: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId}) => {
    const org = orgId();
    const accounts = (await client.listServiceAccounts(org)).sort((a, b) => a.id - b.id);
    if (invocation.json) {
      printJson(io, {orgId: org, serviceAccounts: accounts.map(accountRecord)});
      return ExitCode.ok;
    }
    if (accounts.length === 0) {
      say(
        io,
        `org ${org} has no service accounts; create one with \`flexera-sa accounts create\`.`,
      );
      return ExitCode.ok;
    }
    printTable(
      io,
      ['ID', 'NAME', 'CREATED', 'DESCRIPTION'],
      accounts.map((a) => [a.id, a.name, a.createdAt ?? '', a.description ?? '']),
    );
    return ExitCode.ok;
  });

export const show: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId}) => {
    const org = orgId();
    const account = await findAccount(client, org, invocation.account!);
    const [rules, clients] = await Promise.all([
      orgAccess(client, org).then((access) => access.rules),
      client.listClients(org, account.id),
    ]);
    const grants = sortGrants(grantsOf(rules, serviceAccountRef(account.id), org));
    if (invocation.json) {
      printJson(io, {
        orgId: org,
        serviceAccount: accountRecord(account),
        grants: grants.map(grantRecord),
        clients: clients.map(clientRecord),
      });
      return ExitCode.ok;
    }
    printFields(io, [
      ['id', account.id],
      ['name', account.name],
      ['description', account.description ?? ''],
      ['created', account.createdAt ?? ''],
      [
        'roles',
        grants.map((g) => `${g.roleName} on ${scopeWords(g.scope, org)}`).join(', ') || 'none',
      ],
      ['clients', clients.map((c) => c.clientId).join(', ') || 'none'],
    ]);
    return ExitCode.ok;
  });

export const create: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId}) => {
    const org = orgId();
    const input = accountInput(checkedFields(invocation));
    const existing = await client.listServiceAccounts(org);
    // A retry after a lost answer finds the account the first try made: never a second one.
    const same = sameNameAccount(existing, input.name);
    if (same) {
      throw new CommandFailure(
        `org ${org} already has a service account named "${input.name}" (id ${same.id}); nothing was created. Use --account ${same.id}, or pick another name.`,
        ExitCode.refused,
      );
    }
    if (existing.length >= MAX_SERVICE_ACCOUNTS_PER_ORG) {
      throw new CommandFailure(
        `org ${org} has ${existing.length} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts, the most an org may hold. Delete one before creating another; nothing was sent.`,
        ExitCode.refused,
      );
    }
    const created = await client.createServiceAccount(org, input);
    if (invocation.json) printJson(io, {orgId: org, serviceAccount: accountRecord(created)});
    else printFields(io, [['created', `${created.name} (id ${created.id}) in org ${org}`]]);
    return ExitCode.ok;
  });

export const edit: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId}) => {
    const org = orgId();
    if (invocation.name === undefined && invocation.description === undefined) {
      throw new CommandFailure('Give --name, --description or both: what should change?');
    }
    const account = await findAccount(client, org, invocation.account!);
    const initial = {name: account.name, description: account.description ?? ''};
    const patch = accountChanges(account, checkedFields(invocation, initial));
    if (Object.keys(patch).length > 0) await client.updateServiceAccount(org, account.id, patch);
    const after = {...account, ...patch};
    if (invocation.json) {
      printJson(io, {
        orgId: org,
        serviceAccount: accountRecord(after),
        changed: Object.keys(patch),
      });
    } else {
      printFields(io, [
        [Object.keys(patch).length > 0 ? 'changed' : 'unchanged', `${after.name} (id ${after.id})`],
      ]);
    }
    return ExitCode.ok;
  });

export const remove: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId}) => {
    const org = orgId();
    const account = await findAccount(client, org, invocation.account!);
    await requireConsent(
      io,
      invocation.yes,
      `Delete service account "${account.name}" (id ${account.id}) with its clients and grants?`,
      `Deleting "${account.name}" (id ${account.id}) also deletes its clients and grants.`,
    );
    await client.deleteServiceAccount(org, account.id);
    if (invocation.json) printJson(io, {orgId: org, deleted: accountRecord(account)});
    else printFields(io, [['deleted', `${account.name} (id ${account.id})`]]);
    return ExitCode.ok;
  });
