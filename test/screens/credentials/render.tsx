/** Renders one credentials component with a session on the emulator (no app frame). */
import type {ReactElement} from 'react';
import {afterEach} from 'vitest';
import type {Emulator} from '../../../source/emulator/index.js';
import {SessionProvider, type Session} from '../../../source/session.js';
import {testSession, type TestSessionOptions} from '../../helpers/app.js';
import {renderInk} from '../../helpers/ink.js';

const sessions = new Set<Session>();
afterEach(async () => {
  await Promise.all([...sessions].map((session) => session.client?.close()));
  sessions.clear();
});

export function renderWithSession(
  emu: Emulator,
  element: ReactElement,
  options: TestSessionOptions & {columns?: number; rows?: number} = {},
) {
  const {columns = 100, rows = 30, ...sessionOptions} = options;
  const session = testSession(emu, sessionOptions);
  sessions.add(session);
  return renderInk(
    <SessionProvider session={session} onReplace={() => undefined}>
      {element}
    </SessionProvider>,
    {columns, rows},
  );
}
