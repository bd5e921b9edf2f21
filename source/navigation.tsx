/**
 * Screens as a small state machine: a stack of routes. Enter pushes, Esc pops; sign-in is not a
 * route but the state of a session without a working token (app.tsx).
 */
import {createContext, useContext, useMemo, useReducer, type ReactNode} from 'react';

export interface OrgSummary {
  id: number;
  name: string;
}

export type Route =
  | {name: 'orgs'}
  | {name: 'accounts'; org: OrgSummary}
  | {name: 'account'; org: OrgSummary; accountId: number}
  | {name: 'roles'; org: OrgSummary; accountId: number}
  | {name: 'clients'; org: OrgSummary; accountId: number}
  | {name: 'guide'; org: OrgSummary}
  | {name: 'rotate'; org: OrgSummary; accountId: number}
  | {name: 'activity'; org: OrgSummary; accountId: number}
  | {name: 'org-changes'; org: OrgSummary};

type NavAction =
  | {type: 'push'; route: Route}
  | {type: 'back'}
  | {type: 'replace'; route: Route}
  | {type: 'reset'; stack: Route[]};

function reducer(stack: readonly Route[], action: NavAction): readonly Route[] {
  switch (action.type) {
    case 'push':
      return [...stack, action.route];
    case 'back':
      return stack.length > 1 ? stack.slice(0, -1) : stack;
    case 'replace':
      return [...stack.slice(0, -1), action.route];
    case 'reset':
      return action.stack.length > 0 ? action.stack : stack;
  }
}

export interface Navigation {
  route: Route;
  stack: readonly Route[];
  push(route: Route): void;
  /** Back one screen; false at the first screen. */
  back(): boolean;
  replace(route: Route): void;
  reset(stack: Route[]): void;
}

const NavigationContext = createContext<Navigation | undefined>(undefined);

export function NavigationProvider(props: {initial: Route[]; children: ReactNode}) {
  const [stack, dispatch] = useReducer(reducer, props.initial);
  const navigation = useMemo<Navigation>(
    () => ({
      route: stack[stack.length - 1]!,
      stack,
      push: (route) => dispatch({type: 'push', route}),
      back: () => {
        if (stack.length <= 1) return false;
        dispatch({type: 'back'});
        return true;
      },
      replace: (route) => dispatch({type: 'replace', route}),
      reset: (next) => dispatch({type: 'reset', stack: next}),
    }),
    [stack],
  );
  return (
    <NavigationContext.Provider value={navigation}>{props.children}</NavigationContext.Provider>
  );
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation needs a <NavigationProvider> above it');
  return navigation;
}

/** What an org is called until its name is read (`--org ID` for an org never opened here). */
export function unnamedOrg(id: number): OrgSummary {
  return {id, name: `org ${id}`};
}

/** The stack with every route of `org.id` carrying `org` (its name, once known). */
export function withOrgName(stack: readonly Route[], org: OrgSummary): Route[] {
  return stack.map((route) =>
    'org' in route && route.org.id === org.id && route.org.name !== org.name
      ? {...route, org}
      : route,
  );
}

/** The routes leading to an org's screens: where --org and a remembered org start. */
export function routesForOrg(org: OrgSummary): Route[] {
  return [{name: 'orgs'}, {name: 'accounts', org}];
}
