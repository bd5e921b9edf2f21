/**
 * The team file: the service accounts an org should have and the roles each should hold, checked
 * against team.schema.json (README "Scripting"). Every mistake names the file and its line.
 */
import {Ajv} from 'ajv';
import {CommandFailure, readInputFile} from '../output.js';
import schema from './team.schema.json' with {type: 'json'};

interface TeamRole {
  role: string;
  /** undefined = the whole org. */
  project?: number;
}

interface TeamAccount {
  name: string;
  description?: string;
  roles: TeamRole[];
  /** Where it is in the file, for messages. */
  line: number;
}

export interface TeamFile {
  org: number;
  serviceAccounts: TeamAccount[];
}

/** Line (1-based) of each value in a JSON text, by JSON pointer ("" = the root). */
function lineIndex(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;
  const skip = () => {
    while (at < text.length && /\s/.test(text[at]!)) {
      if (text[at] === '\n') line++;
      at++;
    }
  };
  const string = (): string => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (pointer: string): void => {
    skip();
    lines.set(pointer, line);
    const ch = text[at];
    if (ch === '{' || ch === '[') {
      at++;
      let index = 0;
      for (;;) {
        skip();
        if (text[at] === '}' || text[at] === ']' || at >= text.length) break;
        let key = String(index++);
        if (ch === '{') {
          key = string();
          skip();
          at++; // ':'
        }
        value(`${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        skip();
        if (text[at] === ',') at++;
      }
      at++;
    } else if (ch === '"') {
      string();
    } else {
      while (at < text.length && !/[\s,\]}]/.test(text[at]!)) at++;
    }
  };
  value('');
  return lines;
}

const validate = new Ajv({allErrors: false}).compile(schema);

/** The line of a JSON.parse error ("… at position 42" on Node 20, "(line 3 column 5)" later). */
function parseErrorLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (!position) return undefined;
  return text.slice(0, Number(position[1])).split('\n').length;
}

/** Parses and checks a team file's text; `file` names it in messages. */
function parseTeamFile(text: string, file: string): TeamFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const line = parseErrorLine(text, (error as Error).message);
    throw new CommandFailure(
      `${file}${line ? `:${line}` : ''}: not valid JSON (${(error as Error).message.replace(/^.*?: /, '')}).`,
    );
  }
  const lines = lineIndex(text);
  if (!validate(data)) {
    // A role that is neither form fails both branches of its oneOf: say what a role is instead.
    const problem = validate.errors?.find((e) => e.keyword === 'oneOf') ?? validate.errors?.[0];
    const pointer = problem?.instancePath ?? '';
    const line = lines.get(pointer) ?? 1;
    const where = pointer === '' ? 'the file' : pointer.slice(1).replace(/\//g, '.');
    const detail =
      problem?.keyword === 'additionalProperties'
        ? `unknown field "${String(problem.params.additionalProperty)}"`
        : problem?.keyword === 'oneOf'
          ? 'a role is a name, or {"role": NAME, "project": ID}'
          : (problem?.message ?? 'does not match the schema');
    throw new CommandFailure(`${file}:${line}: ${where}: ${detail} (see team.schema.json).`);
  }
  const raw = data as {
    org: number;
    serviceAccounts: Array<{name: string; description?: string; roles: Array<string | TeamRole>}>;
  };
  const seen = new Map<string, number>();
  const serviceAccounts = raw.serviceAccounts.map((account, index) => {
    const line = lines.get(`/serviceAccounts/${index}`) ?? 1;
    const name = account.name.trim();
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new CommandFailure(
        `${file}:${line}: the service account "${name}" is named twice (also on line ${earlier}); accounts are matched by name.`,
      );
    }
    seen.set(name, line);
    const roles = account.roles.map((role) =>
      typeof role === 'string' ? {role} : {role: role.role, project: role.project},
    );
    const description = account.description?.trim();
    return {name, ...(description === undefined ? {} : {description}), roles, line};
  });
  return {org: raw.org, serviceAccounts};
}

export async function readTeamFile(file: string): Promise<TeamFile> {
  return parseTeamFile(await readInputFile(file), file);
}
