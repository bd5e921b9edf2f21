/** Shared by the role-picker tests and the screen catalogue. */
import type {InkHandle} from '../../helpers/ink.js';

/** Filter to `text`, apply, so the first match is focused. */
export async function focusRole(ui: InkHandle, text: string) {
  await ui.press('/');
  await ui.type(text);
  await ui.press('enter');
  await ui.waitFor((frame) => frame.includes(`/ ${text}`) && frame.includes('/ edit'), {
    label: `filter ${text} applied`,
  });
}
