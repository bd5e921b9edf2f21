/**
 * `plan -f team.json` prints what would change; `apply -f team.json` (or `apply --plan FILE`, a
 * plan saved with `plan --json`) does exactly those changes and nothing else. apply refuses when
 * the org changed since the plan, and stops at the first failure with a report of what was done.
 */
import type {FlexeraClient} from '../../api/client.js';
import {serviceAccountRef} from '../../api/refs.js';
import {ExitCode} from '../../exit-codes.js';
import {scopeRefFor} from '../../roles/index.js';
import {inert} from '../../ui/text.js';
import {CommandFailure, printJson, readInputFile, requireConsent, say} from '../output.js';
import {exitCodeOf, failureWords, withApi, type ApiContext} from '../api-command.js';
import {
  computePlan,
  describeAction,
  fingerprint,
  parseSavedPlan,
  readOrgState,
  type Plan,
  type PlanAction,
} from '../plan/plan.js';
import {readTeamFile} from '../plan/team-file.js';
import type {CommandRun} from '../types.js';
import {scopeOf} from './org-data.js';

async function planFromFile(context: ApiContext): Promise<Plan> {
  const {invocation, client, endpoints} = context;
  const file = invocation.file!;
  const team = await readTeamFile(file);
  const state = await readOrgState(client, team.org);
  return computePlan(team, state, {file, zone: endpoints.zone, prune: invocation.prune});
}

function printPlan(context: ApiContext, plan: Plan): void {
  const {io} = context;
  if (plan.actions.length === 0) {
    io.stdout.write(`No changes: org ${plan.orgId} already matches.\n`);
    return;
  }
  for (const action of plan.actions)
    io.stdout.write(`${inert(describeAction(action, plan.orgId))}\n`);
  const count = (kind: PlanAction['action']) =>
    plan.actions.filter((a) => a.action === kind).length;
  io.stdout.write(
    `\nPlan for org ${plan.orgId}: ${count('create')} to create, ${count('update')} to update, ${count('grant')} to grant, ${count('revoke')} to revoke, ${count('delete')} to delete.\n`,
  );
}

export const runPlan: CommandRun = (invocation, io) =>
  withApi(invocation, io, async (context) => {
    const plan = await planFromFile(context);
    if (invocation.json) printJson(io, plan);
    else printPlan(context, plan);
    return ExitCode.ok;
  });

type Outcome = {status: 'done' | 'failed' | 'not done'; accountId: number | null; error?: string};

/** Sends one action; returns the account id it acted on (a create's new id). */
async function perform(
  client: FlexeraClient,
  orgId: number,
  action: PlanAction,
  created: Map<string, number>,
): Promise<number> {
  switch (action.action) {
    case 'create': {
      const account = await client.createServiceAccount(orgId, {
        name: action.account,
        ...(action.description ? {description: action.description} : {}),
      });
      created.set(action.account, account.id);
      return account.id;
    }
    case 'update':
      await client.updateServiceAccount(orgId, action.accountId, {
        description: action.description,
      });
      return action.accountId;
    case 'delete':
      await client.deleteServiceAccount(orgId, action.accountId);
      return action.accountId;
    default: {
      const accountId = action.accountId ?? created.get(action.account);
      if (accountId === undefined) throw new Error(`no id for ${action.account}`);
      const request = {
        role: {name: action.role},
        subjectRef: serviceAccountRef(accountId),
        scopeRef: scopeRefFor(scopeOf(action.projectId ?? undefined), orgId),
      };
      if (action.action === 'grant') await client.grantRole(orgId, request);
      else await client.revokeRole(orgId, request);
      return accountId;
    }
  }
}

/** Refuses (exit 1) when the org's accounts or grants are no longer what the plan was made from. */
async function checkUnchanged(client: FlexeraClient, plan: Plan): Promise<void> {
  const now = fingerprint(await readOrgState(client, plan.orgId));
  if (now !== plan.fingerprint) {
    throw new CommandFailure(
      `org ${plan.orgId} changed since the plan was made (its service accounts or their roles): nothing was applied. Run plan again and review it.`,
      ExitCode.refused,
    );
  }
}

export const runApply: CommandRun = (invocation, io) =>
  withApi(invocation, io, async (context) => {
    const {client, endpoints} = context;
    if ((invocation.file === undefined) === (invocation.plan === undefined)) {
      throw new CommandFailure(
        'apply needs -f team.json (plan and apply now) or --plan FILE (a plan saved with plan --json), one of them.',
      );
    }
    let plan: Plan;
    if (invocation.plan !== undefined) {
      const text = await readInputFile(invocation.plan);
      plan = parseSavedPlan(text, invocation.plan);
      if (plan.zone !== endpoints.zone) {
        throw new CommandFailure(
          `${invocation.plan} is a plan for zone ${plan.zone}, not ${endpoints.zone}: add --zone ${plan.zone}.`,
        );
      }
      await checkUnchanged(client, plan);
    } else {
      plan = await planFromFile(context);
    }
    if (!invocation.json) printPlan(context, plan);
    if (plan.actions.length === 0) {
      if (invocation.json) printJson(io, {...plan, ok: true, results: []});
      return ExitCode.ok;
    }

    const risky = plan.actions.filter(
      (a) => a.action === 'delete' || a.action === 'revoke' || (a.action === 'grant' && a.broad),
    );
    let asked = false;
    if (risky.length > 0 && !invocation.yes) {
      asked = true;
      await requireConsent(
        io,
        false,
        `Apply these ${plan.actions.length} changes (${risky.length} delete, revoke or broad)?`,
        `The plan deletes, revokes or grants a broad role (${risky.length} of its changes).`,
      );
    }
    // A plan someone looked at for a while: the org must still be as planned.
    if (asked) await checkUnchanged(client, plan);

    const created = new Map<string, number>();
    const outcomes: Outcome[] = plan.actions.map((a) => ({
      status: 'not done',
      accountId: 'accountId' in a ? a.accountId : null,
    }));
    let failure: unknown;
    for (const [index, action] of plan.actions.entries()) {
      try {
        const accountId = await perform(client, plan.orgId, action, created);
        outcomes[index] = {status: 'done', accountId};
      } catch (error) {
        failure = error;
        outcomes[index] = {
          status: 'failed',
          accountId: outcomes[index]!.accountId,
          error: failureWords(error, endpoints),
        };
        break;
      }
    }
    if (invocation.json) {
      printJson(io, {
        ...plan,
        ok: failure === undefined,
        results: plan.actions.map((action, index) => ({...action, ...outcomes[index]})),
      });
    } else {
      io.stdout.write('\n');
      for (const [index, action] of plan.actions.entries()) {
        const outcome = outcomes[index]!;
        const id =
          action.action === 'create' && outcome.accountId !== null
            ? ` → id ${outcome.accountId}`
            : '';
        io.stdout.write(
          `${outcome.status.padEnd(8)}  ${inert(describeAction(action, plan.orgId))}${id}\n`,
        );
      }
    }
    if (failure === undefined) return ExitCode.ok;
    const done = outcomes.filter((o) => o.status === 'done').length;
    say(
      io,
      inert(
        `apply stopped at the first failure: ${done} of ${plan.actions.length} changes were made (listed as done), the rest were not. ${failureWords(failure, endpoints)}`,
      ),
    );
    const code = exitCodeOf(failure);
    if (code === undefined) throw failure;
    return code;
  });
