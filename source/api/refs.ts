/**
 * Resource references (API.md §4.6): parsing (lenient), building, comparing by kind and id.
 * Accepted forms:
 *   ref:{zone}:{org}:{sub-scope}:{capability}:{type}:{id}   (segments may be empty)
 *   {zone}:{org}:{sub-scope}:{capability}:{type}:{id}       (the `ref:` prefix dropped, §4.6)
 *   {capability}#{type}:{id}                                (legacy, on SA and user objects)
 *   {capability}:{type}:{id}                                (bare, seen nowhere but harmless)
 */
export interface Ref {
  zone: string;
  org: string;
  subScope: string;
  capability: string;
  type: string;
  id: string;
  legacy: boolean;
}

const LEGACY = /^([a-z][\w-]*)#([a-z][\w-]*):(.+)$/i;

/** Parses a ref in any known form; undefined when it is not one. */
export function parseRef(input: string): Ref | undefined {
  const text = input.trim();
  const legacy = LEGACY.exec(text);
  if (legacy) {
    const [, capability, type, id] = legacy as unknown as [string, string, string, string];
    return {zone: '', org: '', subScope: '', capability, type, id, legacy: true};
  }
  const body = text.startsWith('ref:') ? text.slice(4) : text;
  const parts = body.split(':');
  if (parts.length === 3 && !text.startsWith('ref:')) {
    const [capability, type, id] = parts as [string, string, string];
    return valid({zone: '', org: '', subScope: '', capability, type, id, legacy: false});
  }
  if (parts.length < 6) return undefined;
  const [zone, org, subScope, capability, type, ...rest] = parts as [
    string,
    string,
    string,
    string,
    string,
    ...string[],
  ];
  return valid({zone, org, subScope, capability, type, id: rest.join(':'), legacy: false});
}

function valid(ref: Ref): Ref | undefined {
  return ref.capability !== '' && ref.type !== '' && ref.id !== '' ? ref : undefined;
}

/** `iam:service-account:2263`: what two refs must share to name the same thing. */
export function refKey(ref: string | Ref): string | undefined {
  const parsed = typeof ref === 'string' ? parseRef(ref) : ref;
  if (!parsed) return undefined;
  return `${parsed.capability.toLowerCase()}:${parsed.type.toLowerCase()}:${parsed.id}`;
}

/** True when both parse and name the same kind and id (zone and org segments ignored). */
export function sameRef(a: string | Ref, b: string | Ref): boolean {
  const left = refKey(a);
  return left !== undefined && left === refKey(b);
}

/** The `{capability}:{type}` of a ref, e.g. `iam:service-account`. */
export function refKind(ref: string | Ref): string | undefined {
  const parsed = typeof ref === 'string' ? parseRef(ref) : ref;
  return parsed ? `${parsed.capability}:${parsed.type}` : undefined;
}

/** The numeric id of a ref, when it has one. */
export function refNumericId(ref: string | Ref): number | undefined {
  const parsed = typeof ref === 'string' ? parseRef(ref) : ref;
  return parsed && /^\d+$/.test(parsed.id) ? Number(parsed.id) : undefined;
}

export function formatRef(ref: Omit<Ref, 'legacy'>): string {
  return `ref:${ref.zone}:${ref.org}:${ref.subScope}:${ref.capability}:${ref.type}:${ref.id}`;
}

function iamRef(type: string, id: number | string, org: number | string = ''): string {
  return formatRef({
    zone: '',
    org: String(org),
    subScope: '',
    capability: 'iam',
    type,
    id: String(id),
  });
}

/**
 * [O] API.md §4.6: grants and filters name a service account as `ref::::iam:service-account:{id}`,
 * the form the KB article and Flexera's own policy template send in production, rather than the
 * SPEC's `ref:{zone}:{org}::…`. Both are documented as accepted; this is the one choice.
 */
export function serviceAccountRef(serviceAccountId: number): string {
  return iamRef('service-account', serviceAccountId);
}

/** `ref::::iam:user:{id}` (DEV-REF). */
export function userRef(userId: number): string {
  return iamRef('user', userId);
}

/** `ref::::iam:org:{id}` (DEV-REF). */
export function orgRef(orgId: number): string {
  return iamRef('org', orgId);
}

/** `ref::{org}::iam:project:{id}` (DEV-REF). */
export function projectRef(orgId: number, projectId: number): string {
  return iamRef('project', projectId, orgId);
}
