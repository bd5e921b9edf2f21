/**
 * `clients list|create|delete`. The secret of a new client goes only where --out says: a NEW file
 * (mode 0600, handoff/secret-file.ts, the app's writer) or stdout with `--out -` (refused on a
 * terminal unless --reveal). It is never in the --json document, never in argv.
 */
import {ExitCode} from '../../exit-codes.js';
import {
  checkSecretFileTarget,
  renderSecretFile,
  writeSecretFile,
  type SecretFileFormat,
} from '../../handoff/secret-file.js';
import {MAX_CLIENTS_PER_SERVICE_ACCOUNT} from '../../limits.js';
import {CommandFailure, printFields, printJson, printTable, requireConsent} from '../output.js';
import {withApi} from '../api-command.js';
import type {CommandRun, Invocation} from '../types.js';
import {clientRecord, findAccount} from './org-data.js';

export const list: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId}) => {
    const org = orgId();
    const account = await findAccount(client, org, invocation.account!);
    const clients = await client.listClients(org, account.id);
    if (invocation.json) {
      printJson(io, {orgId: org, serviceAccountId: account.id, clients: clients.map(clientRecord)});
    } else {
      printTable(
        io,
        ['CLIENT ID', 'CREATED'],
        clients.map((c) => [c.clientId, c.createdAt ?? '']),
      );
    }
    return ExitCode.ok;
  });

function formatFor(invocation: Invocation, out: string): SecretFileFormat {
  return invocation.format ?? (/\.json$/i.test(out.trim()) ? 'json' : 'env');
}

export const create: CommandRun = (invocation, io) => {
  const out = invocation.out!;
  const toStdout = out === '-';
  // Checked before anything is sent: a refused command mints nothing.
  if (toStdout && invocation.json) {
    return Promise.resolve(
      usage(io, '--out - prints the secret on stdout, where --json would print too: use one.'),
    );
  }
  if (toStdout && io.stdout.isTTY && !invocation.reveal) {
    return Promise.resolve(
      usage(
        io,
        '--out - would show the secret on this terminal (and its scrollback). Write it to a file with --out FILE, pipe it, or add --reveal.',
      ),
    );
  }
  return withApi(invocation, io, async ({client, orgId, endpoints}) => {
    const org = orgId();
    const target = toStdout ? undefined : await checkSecretFileTarget(out);
    const account = await findAccount(client, org, invocation.account!);
    const existing = await client.listClients(org, account.id);
    if (existing.length >= MAX_CLIENTS_PER_SERVICE_ACCOUNT) {
      throw new CommandFailure(
        `Service account ${account.id} has ${existing.length} of ${MAX_CLIENTS_PER_SERVICE_ACCOUNT} clients, the most it may hold. Delete one first (\`flexera-sa clients delete\`); nothing was minted.`,
        ExitCode.refused,
      );
    }
    const minted = await client.createClient(org, account.id, {
      knownClientIds: existing.map((c) => c.clientId),
    });
    const file = {
      format: formatFor(invocation, out),
      endpoints,
      orgId: org,
      serviceAccountId: account.id,
      clientId: minted.client.clientId,
      clientSecret: minted.clientSecret,
    };
    let written: string | undefined;
    try {
      if (target === undefined) io.stdout.write(renderSecretFile(file));
      else written = await writeSecretFile({...file, path: target});
    } catch (error) {
      // The secret could not be handed over: a client nobody can use must not stay behind.
      await client.deleteClient(org, account.id, minted.client.clientId).catch(() => undefined);
      throw error;
    }
    if (invocation.json) {
      printJson(io, {
        orgId: org,
        serviceAccountId: account.id,
        client: clientRecord(minted.client),
        secretFile: written ?? null,
        format: file.format,
      });
    } else if (written !== undefined) {
      printFields(io, [
        ['client', `${minted.client.clientId} (service account ${account.id})`],
        ['secret', `written to ${written} (mode 0600, ${file.format})`],
      ]);
    }
    return ExitCode.ok;
  });
};

export const remove: CommandRun = (invocation, io) =>
  withApi(invocation, io, async ({client, orgId}) => {
    const org = orgId();
    const account = await findAccount(client, org, invocation.account!);
    const clientId = invocation.clientId!;
    const clients = await client.listClients(org, account.id);
    const found = clients.find((c) => c.clientId === clientId);
    if (!found) {
      throw new CommandFailure(
        `Service account ${account.id} has no client ${clientId}: \`flexera-sa clients list\` lists them.`,
        ExitCode.refused,
      );
    }
    await requireConsent(
      io,
      invocation.yes,
      `Delete client ${clientId} of "${account.name}"? Whatever uses it stops working.`,
      `Deleting client ${clientId} stops whatever uses it.`,
    );
    await client.deleteClient(org, account.id, clientId);
    if (invocation.json) {
      printJson(io, {orgId: org, serviceAccountId: account.id, deleted: clientRecord(found)});
    } else {
      printFields(io, [['deleted', `client ${clientId} of service account ${account.id}`]]);
    }
    return ExitCode.ok;
  });

function usage(io: {stderr: {write(text: string): unknown}}, message: string): number {
  io.stderr.write(`flexera-sa: ${message}\n`);
  return ExitCode.usage;
}
