/**
 * The hand-off snippet for the application (issue 5, step 5): the env var names it needs and the
 * token request for its zone, in curl and in Node. The secret appears only as a variable.
 */
import {ROUTES} from '../api/endpoints.js';
import {ENV_NAMES, destinationOf, type EndpointsInput} from './facts.js';

export interface AppSnippetInput {
  endpoints: EndpointsInput;
  orgId: number;
  /** Filled in when given (a client id is not a secret); else a placeholder. */
  clientId?: string;
}

export interface AppSnippet {
  title: string;
  /** The environment block: `NAME=value` lines, the secret as a placeholder. */
  env: string;
  /** A POSIX shell script: token request, then one call with the token. */
  curl: string;
  /** An ES module for Node 18+ (global fetch). */
  node: string;
  /** All three, with headings: what the screen shows and the user copies. */
  text: string;
}

const SECRET_PLACEHOLDER = '<the client secret: from your secret store, never from code>';

export function appSnippet(input: AppSnippetInput): AppSnippet {
  const dest = destinationOf(input.endpoints);
  // The roles path from the one route table, with the org id left to the application's env.
  const rolesTemplate = ROUTES.listRoles.template;
  const shellRolesPath = rolesTemplate.replace('{orgId}', `$${ENV_NAMES.orgId}`);
  const jsRolesPath = rolesTemplate.replace('{orgId}', `\${env.${ENV_NAMES.orgId}}`);
  const env = [
    `${ENV_NAMES.clientId}=${input.clientId ?? '<the client id>'}`,
    `${ENV_NAMES.clientSecret}=${SECRET_PLACEHOLDER}`,
    `${ENV_NAMES.tokenUrl}=${dest.tokenUrl}`,
    `${ENV_NAMES.apiUrl}=${dest.apiUrl}`,
    `${ENV_NAMES.orgId}=${input.orgId}`,
  ].join('\n');

  // The secret goes to curl on stdin (printf is a shell builtin), so it never shows in `ps`.
  const curl = [
    `# 1. An access token (valid for 1 hour) from the ${dest.zoneLabel} login host:`,
    `ACCESS_TOKEN=$(printf '%s' "$${ENV_NAMES.clientSecret}" |`,
    `  curl -sS -X POST "$${ENV_NAMES.tokenUrl}" \\`,
    `    --data-urlencode 'grant_type=client_credentials' \\`,
    `    --data-urlencode "client_id=$${ENV_NAMES.clientId}" \\`,
    `    --data-urlencode 'client_secret@-' |`,
    `  sed -n 's/.*"access_token" *: *"\\([^"]*\\)".*/\\1/p')`,
    '# 2. Any call the granted roles allow, for example the roles of the org:',
    `curl -sS "$${ENV_NAMES.apiUrl}${shellRolesPath}" \\`,
    `  -H "Authorization: Bearer $ACCESS_TOKEN"`,
  ].join('\n');

  const node = [
    '// Node 18+: an access token from the client credentials, then one call.',
    `const env = process.env;`,
    `const tokenResponse = await fetch(env.${ENV_NAMES.tokenUrl}, {`,
    `  method: 'POST',`,
    `  headers: {'content-type': 'application/x-www-form-urlencoded'},`,
    `  body: new URLSearchParams({`,
    `    grant_type: 'client_credentials',`,
    `    client_id: env.${ENV_NAMES.clientId},`,
    `    client_secret: env.${ENV_NAMES.clientSecret},`,
    `  }),`,
    `});`,
    `if (!tokenResponse.ok) throw new Error(\`token request failed: HTTP \${tokenResponse.status}\`);`,
    `const {access_token: accessToken, expires_in: expiresIn} = await tokenResponse.json();`,
    `// The token lasts expiresIn seconds (3600): cache it and ask again shortly before then.`,
    `const roles = await fetch(\`\${env.${ENV_NAMES.apiUrl}}${jsRolesPath}\`, {`,
    `  headers: {authorization: \`Bearer \${accessToken}\`},`,
    `});`,
    `if (!roles.ok) throw new Error(\`roles request failed: HTTP \${roles.status}\`);`,
    `console.log(\`\${(await roles.json()).length} roles; token valid for \${expiresIn} s\`);`,
  ].join('\n');

  const title = `Use these credentials in your application (${dest.zoneLabel}, org ${input.orgId})`;
  const text = [
    `# ${title}`,
    '# Environment (keep the secret in a secret store or the 0600 file you saved):',
    env,
    '',
    '# Shell (curl):',
    curl,
    '',
    '# Node:',
    node,
    '',
  ].join('\n');
  return {title, env, curl, node, text};
}
