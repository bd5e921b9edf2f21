/**
 * A screen whose code loads when it is first shown (its own chunk: esbuild splits at import()).
 * Until it arrives the body shows the spinner line where the screen's own would be, and keys
 * typed meanwhile wait for the screen (useHoldKeys). Once loaded it renders at once, every time.
 *
 * Not React.lazy + Suspense: Ink renders in React's legacy mode, where a suspended tree is
 * committed hidden (its effects run) and shown later; a plain loader keeps what mounts simple:
 * the spinner line, then the screen.
 */
import {useEffect, useState, type ComponentType} from 'react';
import {useBodySize} from '../../screen-chrome.js';
import {SpinnerLine, useHoldKeys} from '../../ui/index.js';

function ScreenLoading() {
  useHoldKeys();
  return <SpinnerLine label="Loading…" width={useBodySize().columns} />;
}

export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function LazyScreen(props: P) {
    const [failure, setFailure] = useState<{error: unknown}>();
    const [, setArrived] = useState(false);
    useEffect(() => {
      if (loaded) return undefined;
      let live = true;
      loading ??= load().then((screen) => (loaded = screen));
      loading.then(
        () => live && setArrived(true),
        (error: unknown) => {
          loading = undefined;
          if (live) setFailure({error});
        },
      );
      return () => {
        live = false;
      };
    }, []);
    // A chunk that cannot be read (a broken install) fails like any other render error.
    if (failure) throw failure.error;
    if (loaded === undefined) return <ScreenLoading />;
    const Screen = loaded;
    return <Screen {...props} />;
  };
}
