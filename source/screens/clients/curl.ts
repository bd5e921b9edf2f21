/** The curl equivalents of the Clients screen's actions; secrets only as shell variables. Pure. */
import {curlFor, type CurlAction} from '../../curl/index.js';

export function curlText(
  endpoints: Parameters<typeof curlFor>[0],
  orgId: number,
  serviceAccountId: number,
  ids: {minted?: string; focused?: string},
): string {
  const clientId = ids.minted ?? ids.focused;
  const actions: CurlAction[] = [
    {kind: 'mint-client', orgId, serviceAccountId},
    ...(clientId
      ? [
          {kind: 'client-credentials-exchange', clientId} as const,
          {kind: 'verify', orgId} as const,
          {kind: 'delete-client', orgId, serviceAccountId, clientId} as const,
        ]
      : [{kind: 'client-credentials-exchange', clientId: '<clientId>'} as const]),
  ];
  const blocks = actions.map((action) => {
    const command = curlFor(endpoints, action);
    return [
      `# ${command.title}`,
      ...(command.variables.length
        ? [`# reads: ${command.variables.map((v) => `$${v}`).join(' ')}`]
        : []),
      command.command,
      ...(command.note ? [`# ${command.note}`] : []),
    ].join('\n');
  });
  return blocks.join('\n\n');
}
