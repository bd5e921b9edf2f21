/**
 * Every command of the command line, as data: its words, what it does, its flags and arguments,
 * and how to load it. The parser (../args.ts), the help and shell completion read this list; a
 * command's code loads only when it runs. Adding a command = one file exporting
 * `(invocation, io) => Promise<exit code>` and one line here.
 */
import type {CommandRun, FlagName} from '../types.js';

interface CommandArgument {
  /** Shown in help and usage: `<role...>`. */
  name: string;
  description: string;
  variadic?: boolean;
  required?: boolean;
  /** Fixed choices (shell completion offers them). */
  choices?: readonly string[];
}

export interface CommandSpec {
  /** The words that name it: 'status', 'accounts create'. */
  path: string;
  summary: string;
  flags: readonly FlagName[];
  /** Flags this command cannot run without (the parser says which is missing). */
  required?: readonly FlagName[];
  args?: readonly CommandArgument[];
  load: () => Promise<CommandRun>;
}

/** What a group word (`accounts`) does, for help and completion. */
export const GROUPS: Readonly<Record<string, string>> = {
  accounts: 'list, show, create, edit and delete service accounts',
  grants: 'list, add and revoke the roles a service account holds',
  clients: 'list, create and delete the clients (credentials) of a service account',
};

const SHELLS = ['bash', 'zsh', 'fish'] as const;
const account = (name: string) => import('./accounts.js').then((m) => m[name as 'list']);
const grants = (name: string) => import('./grants.js').then((m) => m[name as 'list']);
const clients = (name: string) => import('./clients.js').then((m) => m[name as 'list']);
const session = (name: 'login' | 'status' | 'logout' | 'doctor') =>
  import('../run-command.js').then((m) => m.runAccountCommand(name));

export const COMMAND_SPECS: readonly CommandSpec[] = [
  {
    path: 'login',
    summary: 'read a refresh token from stdin, check it, keep it in the keychain',
    flags: ['withToken'],
    load: () => session('login'),
  },
  {
    path: 'status',
    summary: 'zone, endpoints, where the token comes from, whether it works',
    flags: [],
    load: () => session('status'),
  },
  {
    path: 'logout',
    summary: 'remove the stored token for the zone',
    flags: [],
    load: () => session('logout'),
  },
  {
    path: 'emulator',
    summary: 'run the Flexera IAM + login emulator until Ctrl+C',
    flags: ['port', 'host', 'json'],
    load: () => import('./emulator.js').then((m) => m.run),
  },
  {
    path: 'doctor',
    summary: 'a read-only check of the real service against what the app expects',
    flags: ['org', 'json'],
    load: () => session('doctor'),
  },
  {
    path: 'orgs',
    summary: 'the orgs you belong to in this zone',
    flags: ['json'],
    load: () => import('./orgs.js').then((m) => m.run),
  },
  {
    path: 'accounts list',
    summary: "the org's service accounts",
    flags: ['org', 'json'],
    load: () => account('list'),
  },
  {
    path: 'accounts show',
    summary: 'one service account, its roles and its clients',
    flags: ['org', 'account', 'json'],
    required: ['account'],
    load: () => account('show'),
  },
  {
    path: 'accounts create',
    summary: 'create a service account (a retry never creates a second one)',
    flags: ['org', 'name', 'description', 'json'],
    required: ['name'],
    load: () => account('create'),
  },
  {
    path: 'accounts edit',
    summary: "change a service account's name or description",
    flags: ['org', 'account', 'name', 'description', 'json'],
    required: ['account'],
    load: () => account('edit'),
  },
  {
    path: 'accounts delete',
    summary: 'delete a service account with its clients and grants (asks, or --yes)',
    flags: ['org', 'account', 'yes', 'json'],
    required: ['account'],
    load: () => account('remove'),
  },
  {
    path: 'roles',
    summary: "the org's role catalogue; --privilege finds the roles that grant one",
    flags: ['org', 'privilege', 'json'],
    load: () => import('./roles.js').then((m) => m.run),
  },
  {
    path: 'grants list',
    summary: 'the roles a service account holds, per scope',
    flags: ['org', 'account', 'json'],
    required: ['account'],
    load: () => grants('list'),
  },
  {
    path: 'grants add',
    summary: 'grant roles on the org or a project (a broad role needs --yes)',
    flags: ['org', 'account', 'project', 'yes', 'json'],
    required: ['account'],
    args: [{name: 'role', description: 'role names', variadic: true, required: true}],
    load: () => grants('add'),
  },
  {
    path: 'grants revoke',
    summary: 'revoke roles on the org or a project',
    flags: ['org', 'account', 'project', 'yes', 'json'],
    required: ['account'],
    args: [{name: 'role', description: 'role names', variadic: true, required: true}],
    load: () => grants('revoke'),
  },
  {
    path: 'clients list',
    summary: "a service account's clients (ids and dates, never a secret)",
    flags: ['org', 'account', 'json'],
    required: ['account'],
    load: () => clients('list'),
  },
  {
    path: 'clients create',
    summary: 'mint a client; the secret goes only to --out FILE (0600) or --out -',
    flags: ['org', 'account', 'out', 'format', 'reveal', 'json'],
    required: ['account', 'out'],
    load: () => clients('create'),
  },
  {
    path: 'clients delete',
    summary: 'delete a client (asks, or --yes)',
    flags: ['org', 'account', 'clientId', 'yes', 'json'],
    required: ['account', 'clientId'],
    load: () => clients('remove'),
  },
  {
    path: 'verify',
    summary: 'prove a client works: its secret from --from FILE or stdin, never an argument',
    flags: ['org', 'from', 'clientId', 'call', 'json'],
    load: () => import('./verify.js').then((m) => m.run),
  },
  {
    path: 'export',
    summary: "an org's accounts, their grants and their clients' ids and dates (never a secret)",
    flags: ['org', 'json'],
    load: () => import('./export.js').then((m) => m.run),
  },
  {
    path: 'events',
    summary: "the org's API events, newest first (default the last 7 days; org owner or iam_admin)",
    flags: ['org', 'since', 'account', 'json'],
    load: () => import('./events.js').then((m) => m.run),
  },
  {
    path: 'plan',
    summary: "what apply would change to make the org's accounts match a team file",
    flags: ['file', 'prune', 'json'],
    required: ['file'],
    load: () => import('./plan.js').then((m) => m.runPlan),
  },
  {
    path: 'apply',
    summary: 'make the changes of the plan (or of a saved plan file), stop at the first failure',
    flags: ['file', 'plan', 'prune', 'yes', 'json'],
    load: () => import('./plan.js').then((m) => m.runApply),
  },
  {
    path: 'completion',
    summary: 'print a shell completion script (bash, zsh or fish)',
    flags: [],
    args: [{name: 'shell', description: 'bash, zsh or fish', required: true, choices: SHELLS}],
    load: () => import('./completion.js').then((m) => m.run),
  },
];
