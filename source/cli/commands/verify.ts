/**
 * `verify`: proves a client works, as the app's verify step does (api/verify.ts): a
 * client_credentials exchange, then one call its roles allow. The secret comes from the file
 * `clients create --out` wrote (--from) or from stdin with --client-id; never from an argument.
 */
import {verifyClientCredentials} from '../../api/verify.js';
import {ExitCode} from '../../exit-codes.js';
import {ENV_NAMES} from '../../handoff/facts.js';
import {readSecretFromStdin} from './shared.js';
import {CommandFailure, printJson, readInputFile, say} from '../output.js';
import {exitCodeOf, failureWords, withEndpoints} from '../api-command.js';
import type {CommandIo, CommandRun, Invocation} from '../types.js';
import {inert} from '../../ui/text.js';

interface Credentials {
  clientId: string;
  clientSecret: string;
  orgId?: number;
}

/** A secret file as clients create writes it: JSON, or `.env` lines (bare or single-quoted). */
function parseSecretFile(text: string, file: string): Credentials {
  const bad = () =>
    new CommandFailure(
      `${file} is not a file written by \`flexera-sa clients create --out\` (it needs ${ENV_NAMES.clientId} and ${ENV_NAMES.clientSecret}, or JSON with clientId and clientSecret).`,
    );
  if (text.trimStart().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw bad();
    }
    const {clientId, clientSecret, orgId} = (json ?? {}) as Record<string, unknown>;
    if (typeof clientId !== 'string' || typeof clientSecret !== 'string') throw bad();
    return {clientId, clientSecret, orgId: typeof orgId === 'number' ? orgId : undefined};
  }
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Z_]+)=(.*)$/.exec(line);
    if (!match) continue;
    const raw = match[2]!.trim();
    values.set(match[1]!, raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw);
  }
  const clientId = values.get(ENV_NAMES.clientId);
  const clientSecret = values.get(ENV_NAMES.clientSecret);
  if (!clientId || !clientSecret) throw bad();
  const org = Number(values.get(ENV_NAMES.orgId));
  return {clientId, clientSecret, orgId: Number.isInteger(org) && org > 0 ? org : undefined};
}

async function credentialsFrom(invocation: Invocation, io: CommandIo): Promise<Credentials> {
  if (invocation.from !== undefined) {
    if (invocation.clientId !== undefined) {
      throw new CommandFailure('Give --from FILE or --client-id ID (secret on stdin), not both.');
    }
    const text = await readInputFile(invocation.from);
    return parseSecretFile(text, invocation.from);
  }
  if (invocation.clientId === undefined || invocation.clientId === '') {
    throw new CommandFailure(
      'Say which client: --from FILE (as written by clients create --out), or --client-id ID with the secret on stdin.',
    );
  }
  if (io.stdin.isTTY) {
    throw new CommandFailure(
      'The secret is read from stdin, never from an argument: `flexera-sa verify --client-id ID < secret.txt`, or --from FILE.',
    );
  }
  const clientSecret = await readSecretFromStdin(io.stdin).catch((error: Error) => {
    throw new CommandFailure(error.message);
  });
  if (clientSecret === '') throw new CommandFailure('stdin was empty: pipe the client secret in.');
  return {clientId: invocation.clientId, clientSecret};
}

export const run: CommandRun = (invocation, io) =>
  withEndpoints(invocation, io, async ({endpoints, preferences, debugLog}) => {
    const credentials = await credentialsFrom(invocation, io);
    debugLog?.addKnownSecret(credentials.clientSecret);
    const orgId = invocation.org ?? credentials.orgId ?? preferences?.lastOrg(endpoints.zone)?.id;
    if (orgId === undefined) throw new CommandFailure('Name the org with --org ID.');
    const result = await verifyClientCredentials(
      endpoints,
      credentials.clientId,
      credentials.clientSecret,
      {orgId, call: invocation.call, env: io.env, log: debugLog?.log},
    );
    const failed = result.steps.find((step) => !step.ok);
    const words = (error: unknown) => failureWords(error, endpoints);
    if (invocation.json) {
      printJson(io, {
        ok: result.ok,
        clientId: credentials.clientId,
        orgId,
        steps: result.steps.map((step) => ({
          step: step.step,
          label: step.label,
          ok: step.ok,
          status: step.status ?? null,
          count: step.count ?? null,
          error: step.error ? words(step.error) : null,
        })),
      });
    } else {
      for (const step of result.steps) {
        const count = step.count === undefined ? '' : ` (${step.count})`;
        io.stdout.write(`${step.ok ? 'ok    ' : 'FAILED'}  ${inert(step.label)}${count}\n`);
      }
    }
    if (!failed) return ExitCode.ok;
    say(io, inert(words(failed.error)));
    return exitCodeOf(failed.error) ?? ExitCode.refused;
  });
