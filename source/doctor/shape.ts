/**
 * The shape of a JSON answer without its values: field paths and the kind of value at each
 * (`integer`, `date-time`, `ref`, `ref without ref: prefix`, …). Only `kind` and `eventType`
 * keep their literal value (resource types, never personal). So a report built from shapes can be
 * pasted into a bug report: it holds no secret, name, e-mail or id.
 */

export interface Shape {
  /** `array`, `envelope` (`{values: […]}`), `object`, `empty` (no body) or a scalar kind. */
  form: string;
  /** path → kinds seen there. Envelope fields as `kind`, item fields as `[].id`, `[].role.name`. */
  fields: Map<string, Set<string>>;
  /** path → in how many items it was present (item fields only). */
  presence: Map<string, number>;
  items: number;
}

const LITERAL_KEYS = new Set(['kind', 'eventType']);
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const NEW_REF = /^[a-z]*:\d*:[^:]*:[a-z]+:[a-z-]+:[\w-]+$/i;
const LEGACY_REF = /^[a-z]+#[a-z-]+:[\w-]+$/i;

function kindOf(value: unknown, key?: string): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      return 'object';
    case 'string':
      if (key !== undefined && LITERAL_KEYS.has(key)) return JSON.stringify(value.slice(0, 60));
      if (DATE_TIME.test(value)) return 'date-time';
      if (value.startsWith('ref:')) return 'ref';
      if (NEW_REF.test(value)) return 'ref without ref: prefix';
      if (LEGACY_REF.test(value)) return 'legacy ref';
      if (/^\d+$/.test(value)) return 'numeric string';
      if (/^https?:\/\//.test(value)) return 'absolute URL';
      if (value.startsWith('/')) return 'path';
      return 'string';
    default:
      return typeof value;
  }
}

function walk(
  value: unknown,
  path: string,
  key: string | undefined,
  fields: Map<string, Set<string>>,
  seen: Set<string>,
  depth: number,
): void {
  const kind = kindOf(value, key);
  if (path !== '') {
    let set = fields.get(path);
    if (!set) fields.set(path, (set = new Set()));
    set.add(kind);
    seen.add(path);
  }
  if (depth > 6) return;
  if (kind === 'array') {
    for (const item of value as unknown[])
      walk(item, `${path}[]`, undefined, fields, seen, depth + 1);
  } else if (kind === 'object') {
    for (const [name, child] of Object.entries(value as Record<string, unknown>))
      walk(child, path === '' ? name : `${path}.${name}`, name, fields, seen, depth + 1);
  }
}

/** The shape of a parsed answer (undefined = no body). Lists in either form compare item by item. */
export function shapeOf(body: unknown): Shape {
  const fields = new Map<string, Set<string>>();
  const presence = new Map<string, number>();
  if (body === undefined) return {form: 'empty', fields, presence, items: 0};
  let items: unknown[] | undefined;
  let envelope: Record<string, unknown> = {};
  let form = kindOf(body);
  if (Array.isArray(body)) items = body;
  else if (
    typeof body === 'object' &&
    body !== null &&
    Array.isArray((body as {values?: unknown}).values)
  ) {
    form = 'envelope';
    const {values, ...rest} = body as {values: unknown[]};
    items = values;
    envelope = rest;
  } else if (form === 'object') {
    envelope = body as Record<string, unknown>;
  }
  walk(envelope, '', undefined, fields, new Set(), 0);
  for (const item of items ?? []) {
    const seen = new Set<string>();
    walk(item, '[]', undefined, fields, seen, 1);
    for (const path of seen) presence.set(path, (presence.get(path) ?? 0) + 1);
  }
  return {form, fields, presence, items: items?.length ?? 0};
}

export interface Deviation {
  /** The read, e.g. "list service accounts". */
  read: string;
  /** `body`, `nextPage`, `[].id`, `[].subject.ref`. */
  field: string;
  /** What the emulator serves. */
  expected: string;
  /** What the service sent. */
  seen: string;
}

const kinds = (set: Set<string> | undefined) => (set ? [...set].sort().join(' | ') : 'absent');

/**
 * Where `seen` differs from `expected` (the emulator's answer to the same read): another body
 * form, a field of another kind, a field the emulator always sends and the service never does,
 * a field the emulator never sends. Item fields compare only when both sides have items.
 */
export function diffShapes(read: string, expected: Shape, seen: Shape): Deviation[] {
  const out: Deviation[] = [];
  const add = (field: string, e: string, s: string) =>
    out.push({read, field, expected: e, seen: s});
  const listForms = new Set(['array', 'envelope']);
  if (expected.form !== seen.form) {
    const both = listForms.has(expected.form) && listForms.has(seen.form);
    add(
      'body',
      expected.form === 'envelope' ? 'object {values: […]}' : expected.form,
      seen.form === 'envelope' ? 'object {values: […]}' : seen.form,
    );
    if (!both) return out;
  }
  const compareItems = expected.items > 0 && seen.items > 0;
  const relevant = (path: string) => !path.startsWith('[]') || compareItems;
  for (const [path, expectedKinds] of expected.fields) {
    if (!relevant(path)) continue;
    const seenKinds = seen.fields.get(path);
    if (!seenKinds) {
      const always = !path.startsWith('[]') || expected.presence.get(path) === expected.items;
      if (always && !parentMissing(path, seen)) add(path, kinds(expectedKinds), 'absent');
      continue;
    }
    const novel = [...seenKinds].filter((kind) => !expectedKinds.has(kind));
    if (novel.length > 0) add(path, kinds(expectedKinds), kinds(seenKinds));
  }
  for (const [path, seenKinds] of seen.fields) {
    if (!relevant(path) || expected.fields.has(path) || parentMissing(path, expected)) continue;
    add(path, 'absent', kinds(seenKinds));
  }
  return out;
}

/** A field under a parent that is itself absent is reported once, at the parent. */
function parentMissing(path: string, shape: Shape): boolean {
  const cut = Math.max(
    path.lastIndexOf('.'),
    path.lastIndexOf('[]') > 0 ? path.lastIndexOf('[]') : -1,
  );
  if (cut <= 0) return false;
  const parent = path.slice(0, cut);
  return parent !== '[]' && parent !== '' && !shape.fields.has(parent);
}
