/**
 * The one copy of a minted secret, for the screens that mint (Clients, rotation, the guided flow):
 * mint once at a time, hold the result while it is handed off, note where it went, forget it.
 *
 * Built on the minting hook the screen uses (useMintClient, or the guided recipe that mints with
 * useMintClientIn): its `isPending` and `error` are the truth; a ref only closes the gap before
 * React re-renders, so two quick presses never mint twice. A result that lands after the screen
 * unmounted is dropped, not kept anywhere.
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import {handedOffSomewhere} from './handoff-gate.js';
import type {HandoffEvent} from './secret-handoff.js';

export interface MintSource<A extends unknown[], R extends {clientSecret: string}> {
  /** Resolves with the secret, or undefined when nothing was minted; may reject. */
  readonly mint: (...args: A) => Promise<R | undefined>;
  readonly isPending: boolean;
  readonly error: unknown;
}

export interface MintedSecret<A extends unknown[], R extends {clientSecret: string}> {
  /** The minted result, secret included, while it is held; else undefined. */
  readonly held: R | undefined;
  readonly pending: boolean;
  /** The last mint's failure (null or undefined when there is none). */
  readonly error: unknown;
  /** Mints unless a mint is in flight; resolves with what is now held (undefined: nothing). */
  readonly mint: (...args: A) => Promise<R | undefined>;
  /** Drops the secret (and what was noted about its hand-off). */
  readonly forget: () => void;
  /** Where the held secret went so far (clipboard, files), for "did you save it?". */
  readonly handedOff: readonly HandoffEvent[];
  readonly noteHandedOff: (event: HandoffEvent) => void;
  /** The hand-off gate is open: the secret went somewhere, or the user said so (handoff-gate.tsx). */
  readonly safe: boolean;
}

export function useMintedSecret<A extends unknown[], R extends {clientSecret: string}>(
  source: MintSource<A, R>,
): MintedSecret<A, R> {
  const [held, setHeld] = useState<{result: R; handedOff: HandoffEvent[]} | undefined>();
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const {mint: mintFrom} = source;
  const mint = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      try {
        const result = await mintFrom(...args);
        if (result === undefined || !mounted.current) return undefined;
        setHeld({result, handedOff: []});
        return result;
      } catch {
        return undefined; // the source's `error` says what failed
      } finally {
        inFlight.current = false;
      }
    },
    [mintFrom],
  );
  const forget = useCallback(() => setHeld(undefined), []);
  const noteHandedOff = useCallback(
    (event: HandoffEvent) =>
      setHeld((now) => (now ? {...now, handedOff: [...now.handedOff, event]} : now)),
    [],
  );
  return {
    held: held?.result,
    pending: source.isPending,
    error: source.error,
    mint,
    forget,
    handedOff: held?.handedOff ?? NONE,
    noteHandedOff,
    safe: handedOffSomewhere(held?.handedOff ?? NONE),
  };
}

const NONE: readonly HandoffEvent[] = [];
