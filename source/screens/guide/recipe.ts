/**
 * The guided flow's pure parts: its steps, the role list order for a search (least privilege
 * first), and the review's lines.
 */
import {VERIFY_CALL_LABELS, type VerifyCall} from '../../api/verify.js';
import {
  broadReason,
  isBroadRole,
  privilegeSegments,
  roleLabel,
  serviceAccountRefusal,
  type RoleInfo,
} from '../../roles/index.js';

const GUIDE_STEPS = [
  {key: 'about', title: 'What the application is'},
  {key: 'roles', title: 'What it needs to do'},
  {key: 'review', title: 'Review: nothing is sent yet'},
  {key: 'run', title: 'Create, grant, mint'},
  {key: 'handoff', title: 'Hand off the credentials'},
  {key: 'verify', title: 'Verify'},
] as const;

export type GuideStep = (typeof GUIDE_STEPS)[number]['key'];

/** "Step 3 of 6 · Review: nothing is sent yet". */
export function stepLine(step: GuideStep): string {
  const index = GUIDE_STEPS.findIndex((s) => s.key === step);
  return `Step ${index + 1} of ${GUIDE_STEPS.length} · ${GUIDE_STEPS[index]!.title}`;
}

/** Actions that only read (`iam:user:index`, `governance:incident:show`). */
const READ_ACTIONS: ReadonlySet<string> = new Set(['index', 'show', 'list', 'get', 'read', 'view']);

/** Every privilege of the role only reads (a role without privileges does not count). */
function isReadOnlyRole(role: RoleInfo): boolean {
  const privileges = role.privileges ?? [];
  return (
    privileges.length > 0 &&
    privileges.every((p) => READ_ACTIONS.has(privilegeSegments(p).at(-1) ?? ''))
  );
}

/**
 * Search results least privilege first: roles a service account may hold before refused ones,
 * narrow (not broad) before broad, read-only before those that change things, then fewer
 * privileges, then catalogue order. (So "policy" suggests View policies, not Approve policies,
 * which has fewer privileges but acts.)
 */
export function leastPrivilegeFirst<R extends RoleInfo>(roles: readonly R[]): R[] {
  return roles
    .map((role, index) => ({
      role,
      index,
      refused: serviceAccountRefusal(role) === undefined ? 0 : 1,
      broad: isBroadRole(role) ? 1 : 0,
      writes: isReadOnlyRole(role) ? 0 : 1,
    }))
    .sort(
      (a, b) =>
        a.refused - b.refused ||
        a.broad - b.broad ||
        a.writes - b.writes ||
        (a.role.privileges?.length ?? 0) - (b.role.privileges?.length ?? 0) ||
        a.index - b.index,
    )
    .map(({role}) => role);
}

/** The role to suggest for a search: the first one a service account may hold that is not broad. */
export function suggestedRole<R extends RoleInfo>(ordered: readonly R[]): R | undefined {
  return ordered.find((role) => serviceAccountRefusal(role) === undefined && !isBroadRole(role));
}

export interface ReviewLine {
  readonly text: string;
  readonly tone?: 'accent' | 'warning' | 'dim';
}

/** Exactly what will be created and granted, as a list, before anything is sent. */
export function reviewLines(input: {
  orgName: string;
  orgId: number;
  name: string;
  description?: string;
  roles: readonly RoleInfo[];
  verifyCall: VerifyCall;
}): ReviewLine[] {
  const lines: ReviewLine[] = [
    {
      text: `1. Create the service account "${input.name}" in ${input.orgName} (${input.orgId})`,
      tone: 'accent',
    },
    {
      text: input.description ? `   description: ${input.description}` : '   (no description)',
      tone: 'dim',
    },
  ];
  input.roles.forEach((role, index) => {
    const broad = broadReason(role);
    lines.push({
      text: `${index + 2}. Grant ${roleLabel(role)} on the whole org${broad ? `  ! broad: ${broad}` : ''}`,
      tone: broad ? 'warning' : 'accent',
    });
  });
  const n = input.roles.length + 2;
  lines.push({
    text: `${n}. Mint one client (clientId + clientSecret; the secret is shown once)`,
    tone: 'accent',
  });
  lines.push({
    text: `Then: hand it off, and verify it (a token exchange, then ${VERIFY_CALL_LABELS[input.verifyCall]}).`,
    tone: 'dim',
  });
  return lines;
}
