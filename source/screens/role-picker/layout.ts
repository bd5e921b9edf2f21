/** Line maths for the role picker: how the body's rows are shared, so the frame never grows. */

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
