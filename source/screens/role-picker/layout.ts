/**
 * Line maths for the role picker: text wrapped to an exact number of lines (so the list height
 * can be computed and the frame never grows), and how the body's rows are shared.
 */
import {displayWidth, graphemes, inert, truncateToWidth} from '../../ui/index.js';

/** Hard-wraps one word wider than the width. */
function splitWide(word: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const g of graphemes(word)) {
    if (displayWidth(line + g) > width && line !== '') {
      out.push(line);
      line = '';
    }
    line += g;
  }
  if (line !== '') out.push(line);
  return out;
}

/**
 * Word-wraps inert text to `width` columns and at most `maxLines` lines (the last one ends in …
 * when text was left out). Newlines in the text are kept as breaks.
 */
export function wrapLines(text: string, width: number, maxLines = Infinity): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const raw of inert(paragraph).split(/ +/)) {
      if (raw === '') continue;
      const pieces = displayWidth(raw) > w ? splitWide(raw, w) : [raw];
      for (const word of pieces) {
        if (line === '') line = word;
        else if (displayWidth(`${line} ${word}`) <= w) line = `${line} ${word}`;
        else {
          lines.push(line);
          line = word;
        }
      }
    }
    lines.push(line);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(0, maxLines));
  const last = kept.length - 1;
  if (last >= 0) kept[last] = truncateToWidth(`${kept[last]} …`, w);
  return kept;
}

/** Hard-wraps (no word breaking rules: for commands, where every character matters). */
export function hardWrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  return text.split('\n').flatMap((line) => (line === '' ? [''] : splitWide(inert(line), w)));
}

export interface PickerLayout {
  /** Lines of the focused role's description. */
  readonly descriptionLines: number;
  /** Lines for privileges (1 = the "p shows them" line). */
  readonly privilegeLines: number;
  /** The detail block: description + flag line + privileges. */
  readonly detailRows: number;
  /** The list's height (its own status line included). */
  readonly listRows: number;
}

const MIN_LIST = 4;

/**
 * Shares `rows` between the fixed lines (header, filter, notice), the role list and the detail
 * block below it. The list keeps at least MIN_LIST lines when there is room for anything at all.
 */
export function pickerLayout(options: {
  rows: number;
  filterLine: boolean;
  noticeLines: number;
  showPrivileges: boolean;
}): PickerLayout {
  const fixed = 1 + (options.filterLine ? 1 : 0) + options.noticeLines;
  const available = Math.max(1, options.rows - fixed);
  let descriptionLines = options.rows >= 30 ? 3 : 2;
  const flagLine = 1;
  if (available - (descriptionLines + flagLine + 1) < MIN_LIST) descriptionLines = 1;
  let privilegeLines = 1;
  if (options.showPrivileges) {
    const room = available - MIN_LIST - (descriptionLines + flagLine + 1);
    privilegeLines += Math.max(0, Math.min(Math.floor(options.rows / 3), room));
  }
  let detailRows = descriptionLines + flagLine + privilegeLines;
  if (available - detailRows < 1) detailRows = 0;
  return {
    descriptionLines,
    privilegeLines,
    detailRows,
    listRows: Math.max(1, available - detailRows),
  };
}
