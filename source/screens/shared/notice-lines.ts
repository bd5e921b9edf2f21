import {marks} from '../../ui/theme.js';
import {wrap} from '../../ui/text.js';

/** A role list's notice (the role picker, the guide's step 2) in at most two lines; "!" warns. */
export function wrapNotice(
  notice: {readonly text: string; readonly tone: string} | undefined,
  width: number,
): string[] {
  if (notice === undefined) return [];
  return wrap(`${notice.tone === 'warning' ? '! ' : ''}${notice.text}`, width, {maxLines: 2});
}

/** The review's line before broad roles are sent: the guide's and the role picker's, one text. */
export function broadRolesNotice(count: number): string {
  return `${marks.warning} ${count} broad role${count === 1 ? '' : 's'}: after Enter you type "grant" to confirm.`;
}
