/**
 * The first frame loads only the screens it draws (issue #15): the org picker and sign-in are in
 * the chunks the app loads before its first frame; every other screen is a chunk of its own,
 * loaded with import() when first shown (source/screens/routes.tsx). Checked on the built dist/.
 */
import {describe, expect, it} from 'vitest';
import {readFileSync, readdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {eagerFiles, specifiersIn} from '../../scripts/dist-imports.mjs';
import {REPO} from '../secrets/helpers/keyring.js';

const DIST = join(REPO, 'dist');

/** Each screen's component, as its definition reads in the bundle (names are not mangled). */
const FIRST_FRAME = ['OrgPickerScreen', 'SignInScreen'];
const LAZY = [
  'AccountListScreen',
  'AccountDetailScreen',
  'RolePickerScreen',
  'ClientsScreen',
  'GuideScreen',
  'RotateScreen',
  'ActivityScreen',
  'OrgChangesScreen',
];

const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
const defines = (file: string, component: string) => read(file).includes(`function ${component}(`);

function chunks(): string[] {
  return readdirSync(join(DIST, 'chunks'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `chunks/${name}`);
}

/** What `flexera-sa` loads before its first frame: cli.js, and the app chunk it imports. */
async function firstFrameFiles(): Promise<string[]> {
  const app = chunks().filter((file) => read(file).includes('function runApp('));
  expect(app).toHaveLength(1);
  expect(specifiersIn(read('cli.js')).specifiers).toContain(`./${app[0]}`);
  return [
    ...new Set([...(await eagerFiles(DIST, 'cli.js')), ...(await eagerFiles(DIST, app[0]!))]),
  ];
}

describe('the screens in dist/', () => {
  it('the first frame loads the org picker and sign-in, and none of the other screens', async () => {
    const eager = await firstFrameFiles();
    for (const component of FIRST_FRAME) {
      expect(
        eager.filter((file) => defines(file, component)),
        component,
      ).toHaveLength(1);
    }
    for (const component of LAZY) {
      expect(
        eager.filter((file) => defines(file, component)),
        component,
      ).toEqual([]);
    }
  });

  it('every other screen is a chunk of its own, which the app imports when it is shown', async () => {
    const eager = new Set(await firstFrameFiles());
    // What those files load later, with import().
    const imported = new Set(
      [...eager].flatMap((file) => {
        const {specifiers, eager: now} = specifiersIn(read(file));
        return specifiers.filter((s) => !now.includes(s)).map((s) => join(dirname(file), s));
      }),
    );
    const homes = LAZY.map((component) => chunks().filter((file) => defines(file, component)));
    for (const [i, component] of LAZY.entries()) {
      expect(homes[i], component).toHaveLength(1);
      expect(imported.has(homes[i]![0]!), `${component} in ${homes[i]![0]}`).toBe(true);
    }
    expect(new Set(homes.flat()).size).toBe(LAZY.length);
  });
});
