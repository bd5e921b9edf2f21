/**
 * Curl commands as one script: each block a "# title" comment, the variables it reads, the
 * command, its note and any follow-up comments, blocks separated by a blank line. Shown laid out
 * for the window by layout.ts, copied or written whole.
 */
import type {CurlCommand} from './commands.js';

export interface CurlBlock {
  readonly command: CurlCommand;
  /** Comment lines after the command ("Set SERVICE_ACCOUNT_ID to …"). */
  readonly after?: readonly string[];
}

/** Shell variables a command reads: the secrets it declares, then any other `$NAME` in it. */
function readsOf(command: CurlCommand): string[] {
  const reads = new Set<string>(command.variables);
  for (const [, name] of command.command.matchAll(/\$\{?([A-Z_][A-Z0-9_]*)/g)) reads.add(name!);
  return [...reads];
}

export function curlBlocksText(blocks: readonly CurlBlock[]): string {
  return blocks
    .map(({command, after}) => {
      const reads = readsOf(command);
      return [
        `# ${command.title}`,
        ...(reads.length > 0 ? [`# reads: ${reads.map((v) => `$${v}`).join(' ')}`] : []),
        command.command,
        ...(command.note ? [`# ${command.note}`] : []),
        ...(after ?? []).map((line) => `# ${line}`),
      ].join('\n');
    })
    .join('\n\n');
}
