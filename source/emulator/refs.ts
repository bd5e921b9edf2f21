/**
 * The emulator's own ref parsing (API.md §4.6). Lenient as production is in practice: the `ref:`
 * prefix, the zone and the org segments are optional (`ref::::iam:service-account:2263`,
 * `ref:nam:1105::iam:service-account:2263` and `nam:1105::iam:service-account:2263` all name the
 * same account). Refs are compared by kind and id, never as strings. Legacy refs
 * (`iam#service-account:2263`) are refused [I, API.md §4.6: "Don't rely on it"].
 */

export interface Ref {
  /** '' when left out. */
  zone: string;
  /** undefined when left out. */
  orgId?: number;
  /** `capability:type`, e.g. `iam:service-account`. */
  kind: string;
  id: number;
}

const POSITIVE_INT = /^[1-9]\d{0,15}$/;

export function parseRef(raw: string): Ref | undefined {
  const text = raw.trim().replace(/^ref:/, '');
  const parts = text.split(':');
  // zone : org : sub-scope : capability : type : id
  if (parts.length !== 6) return undefined;
  const [zone, org, , capability, type, id] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!/^[a-z]*$/.test(zone) || !capability || !type || !POSITIVE_INT.test(id)) return undefined;
  if (org !== '' && !POSITIVE_INT.test(org)) return undefined;
  return {
    zone,
    orgId: org === '' ? undefined : Number(org),
    kind: `${capability}:${type}`,
    id: Number(id),
  };
}

/** The canonical form the emulator writes: `ref:{zone}:{org}::{kind}:{id}`. */
export function formatRef(
  zone: string,
  orgId: number | undefined,
  kind: string,
  id: number,
): string {
  return `ref:${zone}:${orgId ?? ''}::${kind}:${id}`;
}

export function sameRef(a: Pick<Ref, 'kind' | 'id'>, b: Pick<Ref, 'kind' | 'id'>): boolean {
  return a.kind === b.kind && a.id === b.id;
}
