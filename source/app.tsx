/**
 * The app: providers, the frame every screen shares (breadcrumb, body, footer, help overlay),
 * global keys and navigation. Screens read data only through the hook layer.
 */
import {useIsMutating} from '@tanstack/react-query';
import {Box, Text, useApp} from 'ink';
import {useCallback, useEffect, useMemo, useState, type ReactNode} from 'react';
import {ZONES} from './api/zones.js';
import {isSessionTokenRefused} from './errors/describe.js';
import {ExitCode} from './exit-codes.js';
import {ApiProvider} from './hooks/api-provider.js';
import {useActivity} from './hooks/activity.js';
import {useOrgs} from './hooks/queries.js';
import {useTokenExpiry} from './hooks/token-expiry.js';
import {GLOBAL_ACTIONS, matchAction} from './ui/keys/keymap.js';
import {
  NavigationProvider,
  routesForOrg,
  unnamedOrg,
  useNavigation,
  withOrgName,
  type OrgSummary,
  type Route,
} from './navigation.js';
import {ChromeProvider, type ScreenChrome} from './screen-chrome.js';
import {renderRoute, routeTitle} from './screens/routes.js';
import {SignInScreen} from './screens/sign-in/index.js';
import {nextSession, SessionProvider, useSession, type Session} from './session.js';
import {
  ConfirmDialog,
  HelpOverlay,
  KeyProvider,
  Priority,
  SizeGuard,
  StatusBar,
  inert,
  theme,
  truncateToWidth,
  useCtrlC,
  useKeys,
  useLiveHints,
  useTerminalSize,
  type TokenSource,
} from './ui/index.js';

/** Below this the frame cannot be drawn without garbling; SizeGuard says so instead. */
const MIN_COLUMNS = 60;
const MIN_ROWS = 16;

const GLOBAL_KEYS = {
  help: GLOBAL_ACTIONS.help,
  quit: GLOBAL_ACTIONS.quit,
  back: GLOBAL_ACTIONS.back,
};
/** On the first screen Esc has nowhere to go back to. */
const FRAME_KEYS_AT_ROOT = [GLOBAL_ACTIONS.help, GLOBAL_ACTIONS.quit];
const HELP_ONLY = [GLOBAL_ACTIONS.help];

/** Shown at sign-in after the refresh token was refused mid-session. */
export function sessionEndedNotice(zone: string): string {
  return `Your refresh token was refused by ${zone} (revoked or expired): sign in again. What the screens showed as done is saved in Flexera; what failed was not done.`;
}

export interface AppProps {
  session: Session;
  /** Told the exit code when the user quits (q → 0, Ctrl+C → 130). */
  onExit?: (code: number) => void;
  /** Start on these screens (tests; otherwise from the session: --org, else the org picker). */
  routes?: Route[];
  /**
   * The session once its token is read (the keychain, at start) and the preferences file is open:
   * until then `session` (no client) draws the frame saying so, instead of the first frame
   * waiting for them.
   */
  pendingSession?: Promise<Session>;
}

export function App(props: AppProps) {
  const [session, setSession] = useState(props.session);
  const [reading, setReading] = useState(props.pendingSession !== undefined);
  useEffect(() => {
    if (!props.pendingSession) return;
    let live = true;
    props.pendingSession.then(
      (next) => {
        if (!live) return;
        setSession(next);
        setReading(false);
      },
      // run-app ends the app and reports it.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.pendingSession]);
  const replaceSession = useCallback((next: Session) => {
    setSession((previous) => {
      if (previous.client && previous.client !== next.client) void previous.client.close();
      return next;
    });
  }, []);

  // The refresh token refused mid-session (revoked, expired): back to sign-in, saying why.
  const onApiError = useCallback((error: unknown) => {
    if (isSessionTokenRefused(error)) {
      setSession((current) => {
        if (!current.client) return current;
        void current.client.close();
        return nextSession(current, {
          client: undefined,
          tokenSource: 'none',
          notice: sessionEndedNotice(ZONES[current.endpoints.zone].label),
        });
      });
    }
  }, []);

  return (
    <KeyProvider>
      <SessionProvider session={session} onReplace={replaceSession}>
        <SizeGuard minColumns={MIN_COLUMNS} minRows={MIN_ROWS}>
          {reading ? (
            <Frame
              // Its own key: the frame that follows starts fresh (title, hints), not from this one.
              key="reading"
              title={routeTitle((props.routes ?? initialRoutes(session)).at(-1)!)}
              onExit={props.onExit}
              busy={false}
              tokenNote={
                session.tokenSource === 'keychain' ? {text: 'reading the keychain…'} : undefined
              }
            >
              <Text dimColor>
                {session.tokenSource === 'keychain'
                  ? 'Reading your refresh token from the keychain…'
                  : 'Starting…'}
              </Text>
            </Frame>
          ) : session.client ? (
            <ApiProvider
              key={session.generation}
              client={session.client}
              onError={onApiError}
              staleTimeMs={session.services.staleTimeMs}
            >
              <NavigationProvider initial={props.routes ?? initialRoutes(session)}>
                <Shell onExit={props.onExit} />
              </NavigationProvider>
            </ApiProvider>
          ) : (
            <Frame title="Sign in" onExit={props.onExit} busy={false}>
              <SignInScreen />
            </Frame>
          )}
        </SizeGuard>
      </SessionProvider>
    </KeyProvider>
  );
}

function initialRoutes(session: Session): Route[] {
  const id = session.initialOrgId;
  if (id !== undefined) {
    // The name as last seen here, if ever; the screens show the id until then.
    const known = session.preferences.recentOrgs(session.endpoints.zone).find((o) => o.id === id);
    return routesForOrg(known ?? unnamedOrg(id));
  }
  return [{name: 'orgs'}];
}

/**
 * `--org ID` for an org never opened here starts as "org ID": once the user's orgs are read (the
 * list the org picker shows), every route of that org carries its name (breadcrumb, footer, words).
 */
function useOrgNameOnceKnown(org: OrgSummary | undefined): void {
  const navigation = useNavigation();
  const unnamed = org !== undefined && org.name === unnamedOrg(org.id).name;
  const orgs = useOrgs({enabled: unnamed});
  const named = unnamed ? orgs.data?.find((o) => o.id === org.id) : undefined;
  const {stack, reset} = navigation;
  useEffect(() => {
    if (named) reset(withOrgName(stack, {id: named.id, name: named.name}));
  }, [named, stack, reset]);
}

function Shell(props: {onExit?: (code: number) => void}) {
  const navigation = useNavigation();
  const busy = useIsMutating() > 0;
  const expiry = useTokenExpiry();
  const route = navigation.route;
  const org = 'org' in route ? route.org : undefined;
  useOrgNameOnceKnown(org);
  // The title each screen gave itself (an account's name), so the breadcrumb keeps it after
  // moving on: "Acme Corp › billing-export › Roles", not "… › Account 2257 › Roles".
  const [titles] = useState(() => new WeakMap<Route, string>());
  const onTitle = useCallback((title: string) => titles.set(route, title), [titles, route]);
  return (
    <Frame
      // A new screen starts with a fresh frame: no title or hints left over from the last one.
      key={`${navigation.stack.length}:${route.name}`}
      title={routeTitle(route)}
      crumbs={navigation.stack.slice(0, -1).map((r) => titles.get(r) ?? routeTitle(r))}
      onTitle={onTitle}
      org={org ? `${org.name} (${org.id})` : undefined}
      onBack={navigation.stack.length > 1 ? navigation.back : undefined}
      onExit={props.onExit}
      busy={busy}
      tokenNote={expiry}
    >
      {renderRoute(route)}
    </Frame>
  );
}

/**
 * The frame: breadcrumb line, the screen's body, the footer. Owns the global keys at the lowest
 * priority, so a screen (or its dialog, filter or field) always sees a key first.
 */
function Frame(props: {
  title: string;
  crumbs?: string[];
  /** Told the title the screen gives itself. */
  onTitle?: (title: string) => void;
  org?: string;
  onBack?: () => boolean;
  onExit?: (code: number) => void;
  busy: boolean;
  tokenNote?: {text: string; warning?: boolean};
  children: ReactNode;
}) {
  const session = useSession();
  const {exit} = useApp();
  const size = useTerminalSize();
  const activity = useActivity(session.services.activity);
  const [chrome, setChromeState] = useState<ScreenChrome>({title: props.title});
  const {onTitle} = props;
  const setChrome = useCallback(
    (next: ScreenChrome) => {
      setChromeState(next);
      if (next.title) onTitle?.(next.title);
    },
    [onTitle],
  );
  const [helpOpen, setHelpOpen] = useState(false);
  const [quitAsked, setQuitAsked] = useState(false);

  const quit = useCallback(
    (code: number) => {
      props.onExit?.(code);
      exit();
    },
    [exit, props],
  );
  // A change in flight, or a secret that would be lost, makes Ctrl+C ask for a second press.
  const ctrlC = useCtrlC({
    busy: props.busy || chrome.confirmQuit !== undefined,
    onExit: () => quit(ExitCode.interrupted),
  });

  useKeys(
    (input, key) => {
      switch (matchAction(input, key, GLOBAL_KEYS)) {
        case 'help':
          setHelpOpen(true);
          return true;
        case 'quit':
          if (chrome.confirmQuit) setQuitAsked(true);
          else quit(ExitCode.ok);
          return true;
        case 'back':
          return props.onBack?.() ?? false;
        default:
          return false;
      }
    },
    {
      priority: Priority.Low,
      isActive: !helpOpen && !quitAsked,
      keys: props.onBack ? GLOBAL_KEYS : FRAME_KEYS_AT_ROOT,
    },
  );
  // The footer: the screen's hints that act now (and `? help` while it does), from the handlers.
  const live = useLiveHints(chrome.hints ? [...chrome.hints, GLOBAL_ACTIONS.help] : HELP_ONLY);

  // Frame = rows − 1 lines: at `rows` lines Ink clears the screen on every render (notes B5).
  const height = Math.max(3, size.rows - 1);
  const body = useMemo(
    () => ({columns: size.columns, rows: Math.max(1, height - 2)}),
    [size.columns, height],
  );
  const crumbs = [...(props.crumbs ?? []), chrome.title || props.title]
    .map((crumb) => inert(crumb))
    .join(' › ');
  const tokenSource: TokenSource =
    session.tokenSource === 'sandbox' ? 'session' : session.tokenSource;
  const message = ctrlC.message
    ? {text: ctrlC.message, tone: 'warning' as const}
    : activity
      ? {text: activity.text, spinner: true, tone: 'warning' as const}
      : chrome.message;

  return (
    <Box flexDirection="column" width={size.columns} height={height}>
      <Text color={theme.accent} bold wrap="truncate-end">
        {truncateToWidth(`flexera-sa › ${crumbs}`, size.columns)}
      </Text>
      <ChromeProvider setChrome={setChrome} body={body}>
        <Box flexDirection="column" height={body.rows} overflow="hidden">
          {quitAsked ? (
            <ConfirmDialog
              title={chrome.confirmQuit ?? 'Quit?'}
              confirmLabel="Quit"
              cancelLabel="Stay"
              danger
              onConfirm={() => quit(ExitCode.ok)}
              onCancel={() => setQuitAsked(false)}
              width={Math.min(body.columns, 72)}
            />
          ) : null}
          {helpOpen ? (
            <HelpOverlay
              title={chrome.title || props.title}
              actions={chrome.help}
              onClose={() => setHelpOpen(false)}
              height={body.rows}
            />
          ) : null}
          {/* Hidden, not unmounted, while help is open: a screen keeps its state (checked roles). */}
          <Box
            display={helpOpen || quitAsked ? 'none' : 'flex'}
            flexDirection="column"
            height={body.rows}
          >
            {props.children}
          </Box>
        </Box>
      </ChromeProvider>
      <StatusBar
        zone={ZONES[session.endpoints.zone].label}
        org={props.org}
        tokenSource={tokenSource}
        tokenNote={props.tokenNote}
        sandbox={session.sandbox}
        hints={live.filter((hint) => hint !== GLOBAL_ACTIONS.help)}
        help={live.includes(GLOBAL_ACTIONS.help)}
        message={message}
        width={size.columns}
      />
    </Box>
  );
}
