/**
 * Pure list maths for <WindowedList>: filtering (case-insensitive, every word must match), group
 * header rows, and the window (which rows are visible for a cursor and a height). All O(n) at
 * most per key press; nothing here renders.
 */

type Row =
  | {readonly kind: 'header'; readonly label: string}
  | {readonly kind: 'item'; readonly index: number};

export interface ListModel<T> {
  /** Items that match the query, in the given order. */
  readonly filtered: readonly T[];
  /** Display rows: group headers and items (index into `filtered`). */
  readonly rows: readonly Row[];
  /** filtered index → row index. */
  readonly rowOfItem: Int32Array;
  /** filtered index → index in the unfiltered items. */
  readonly sourceIndex: Int32Array;
  /** Key of the filtered item at an index. */
  readonly keyAt: (index: number) => string | undefined;
  /** Index of a key among the filtered items, or -1. */
  readonly indexOfKey: (key: string) => number;
}

/** Lower-cased words of a query ("  Foo bar " → ["foo", "bar"]). */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
}

/** Indices of haystacks (already lower-cased) that contain every word, or null for "all". */
export function matchIndices(haystacks: readonly string[], query: string): number[] | null {
  const words = queryWords(query);
  if (words.length === 0) return null;
  const out: number[] = [];
  for (let i = 0; i < haystacks.length; i++) {
    const h = haystacks[i] ?? '';
    if (words.every((w) => h.includes(w))) out.push(i);
  }
  return out;
}

export function buildModel<T>(
  items: readonly T[],
  matches: readonly number[] | null,
  getKey: (item: T) => string,
  groupBy?: (item: T) => string,
): ListModel<T> {
  const filtered = matches === null ? items : matches.map((i) => items[i] as T);
  const sourceIndex =
    matches === null
      ? Int32Array.from({length: items.length}, (_, i) => i)
      : Int32Array.from(matches);
  const rows: Row[] = [];
  const rowOfItem = new Int32Array(filtered.length);
  let group: string | undefined;
  filtered.forEach((item, index) => {
    if (groupBy !== undefined) {
      const label = groupBy(item);
      if (index === 0 || label !== group) rows.push({kind: 'header', label});
      group = label;
    }
    rowOfItem[index] = rows.length;
    rows.push({kind: 'item', index});
  });
  let keyIndex: Map<string, number> | undefined;
  return {
    filtered,
    rows,
    rowOfItem,
    sourceIndex,
    keyAt: (index) => {
      const item = filtered[index];
      return item === undefined ? undefined : getKey(item);
    },
    indexOfKey: (key) => {
      // Built on first use only (a refresh that keeps the focused item in place never needs it).
      keyIndex ??= new Map(filtered.map((item, i) => [getKey(item), i]));
      return keyIndex.get(key) ?? -1;
    },
  };
}

const clamp = (n: number, lo: number, hi: number) => Math.min(Math.max(n, lo), hi);

/**
 * The first visible row so that the cursor's row is visible, moving the previous offset as little
 * as possible; a group header right above the cursor is kept in view when there is room.
 */
function fitOffset(
  offset: number,
  cursorRow: number,
  windowRows: number,
  rows: readonly Row[],
): number {
  const size = Math.max(1, windowRows);
  let o = clamp(offset, 0, Math.max(0, rows.length - size));
  if (cursorRow < 0) return o;
  const top = size > 1 && rows[cursorRow - 1]?.kind === 'header' ? cursorRow - 1 : cursorRow;
  if (top < o) o = top;
  if (cursorRow >= o + size) o = cursorRow - size + 1;
  return o;
}

export interface Viewport {
  /** Focused filtered index, -1 when nothing matches. */
  readonly cursor: number;
  /** First visible row. */
  readonly offset: number;
  /** Visible rows. */
  readonly visible: readonly Row[];
  /** 1-based numbers of the first and last visible items (0 when none). */
  readonly firstItem: number;
  readonly lastItem: number;
}

export function viewport<T>(
  model: ListModel<T>,
  cursor: number,
  offset: number,
  windowRows: number,
): Viewport {
  const count = model.filtered.length;
  const c = count === 0 ? -1 : clamp(cursor, 0, count - 1);
  const o = fitOffset(offset, c < 0 ? -1 : (model.rowOfItem[c] ?? 0), windowRows, model.rows);
  const visible = model.rows.slice(o, o + Math.max(1, windowRows));
  const items = visible.flatMap((r) => (r.kind === 'item' ? [r.index] : []));
  return {
    cursor: c,
    offset: o,
    visible,
    firstItem: items.length === 0 ? 0 : (items[0] ?? 0) + 1,
    lastItem: items.length === 0 ? 0 : (items[items.length - 1] ?? 0) + 1,
  };
}

export type Move = 'up' | 'down' | 'first' | 'last' | 'pageUp' | 'pageDown';

/** Cursor and offset after a move, from the current (already resolved) cursor and offset. */
export function applyMove<T>(
  model: ListModel<T>,
  cursor: number,
  offset: number,
  windowRows: number,
  move: Move,
): {cursor: number; offset: number} {
  const count = model.filtered.length;
  if (count === 0) return {cursor: 0, offset: 0};
  const page = Math.max(1, windowRows);
  let next = cursor;
  let o = offset;
  switch (move) {
    case 'up':
      next = cursor - 1;
      break;
    case 'down':
      next = cursor + 1;
      break;
    case 'first':
      next = 0;
      break;
    case 'last':
      next = count - 1;
      break;
    case 'pageUp':
      next = cursor - page;
      o = offset - page;
      break;
    case 'pageDown':
      next = cursor + page;
      o = offset + page;
      break;
  }
  next = clamp(next, 0, count - 1);
  return {cursor: next, offset: fitOffset(o, model.rowOfItem[next] ?? 0, windowRows, model.rows)};
}
