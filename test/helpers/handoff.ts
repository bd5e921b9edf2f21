/** Steps through the secret hand-off on a rendered screen, shared by the flow tests. */
import {readFile} from 'node:fs/promises';
import {expect} from 'vitest';
import {flat} from './frames.js';
import type {InkHandle} from './ink.js';

/** Writes the credentials to a new file with `w`; returns the secret read from it. */
export async function secretViaFile(ui: InkHandle, file: string): Promise<string> {
  await ui.press('w');
  await ui.waitForText('-client.env');
  await ui.press('ctrlU');
  await ui.type(file);
  await ui.press('enter');
  await ui.waitFor((f) => flat(f).includes('Wrote') && flat(f).includes('mode 0600'));
  const match = /^FLEXERA_CLIENT_SECRET=(.+)$/m.exec(await readFile(file, 'utf8'));
  expect(match).not.toBeNull();
  return match![1]!.replace(/^'|'$/g, '');
}
