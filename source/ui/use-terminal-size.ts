/**
 * useTerminalSize(): the terminal's columns and rows, from Ink's own stdout (so tests can inject a
 * fake one), updated on 'resize'. Falls back to 80×24 when the stream does not know its size.
 *
 * Keep a whole frame at most `rows - 1` lines high: when Ink's output reaches `rows` it clears the
 * terminal on every render (flicker, scrollback lost).
 */
import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

const FALLBACK_SIZE: TerminalSize = {columns: 80, rows: 24};

function positive(n: unknown, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

function read(stdout: NodeJS.WriteStream): TerminalSize {
  return {
    columns: positive(stdout.columns, FALLBACK_SIZE.columns),
    rows: positive(stdout.rows, FALLBACK_SIZE.rows),
  };
}

export function useTerminalSize(): TerminalSize {
  const {stdout} = useStdout();
  const [size, setSize] = useState<TerminalSize>(() => read(stdout));
  useEffect(() => {
    const update = () => {
      setSize((previous) => {
        const next = read(stdout);
        return next.columns === previous.columns && next.rows === previous.rows ? previous : next;
      });
    };
    update();
    stdout.on('resize', update);
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout]);
  return size;
}
