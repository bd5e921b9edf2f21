/**
 * Which screen draws which route, and the route's name in the breadcrumb.
 *
 * The org picker is the one screen the first frame draws (sign-in is the app's own); every other
 * screen is its own chunk (esbuild splitting), loaded when first shown (issue #15). While one
 * loads the body shows the spinner line, and keys typed meanwhile wait for the screen.
 */
import {lazy, Suspense, type ReactNode} from 'react';
import type {Route} from '../navigation.js';
import {useBodySize} from '../screen-chrome.js';
import {SpinnerLine, useHoldKeys} from '../ui/index.js';
import {OrgPickerScreen} from './org-picker/index.js';

const AccountListScreen = lazy(() =>
  import('./account-list/index.js').then((m) => ({default: m.AccountListScreen})),
);
const AccountDetailScreen = lazy(() =>
  import('./account-detail/index.js').then((m) => ({default: m.AccountDetailScreen})),
);
const RolePickerScreen = lazy(() =>
  import('./role-picker/index.js').then((m) => ({default: m.RolePickerScreen})),
);
const ClientsScreen = lazy(() =>
  import('./clients/index.js').then((m) => ({default: m.ClientsScreen})),
);
const GuideScreen = lazy(() => import('./guide/index.js').then((m) => ({default: m.GuideScreen})));
const RotateScreen = lazy(() =>
  import('./rotate/index.js').then((m) => ({default: m.RotateScreen})),
);
const ActivityScreen = lazy(() =>
  import('./activity/index.js').then((m) => ({default: m.ActivityScreen})),
);
const OrgChangesScreen = lazy(() =>
  import('./org-changes/index.js').then((m) => ({default: m.OrgChangesScreen})),
);

/** Where a screen's own spinner would be, while its code loads; keys wait for it. */
function ScreenLoading() {
  useHoldKeys();
  return <SpinnerLine label="Loading…" width={useBodySize().columns} />;
}

export function renderRoute(route: Route): ReactNode {
  return <Suspense fallback={<ScreenLoading />}>{routeScreen(route)}</Suspense>;
}

function routeScreen(route: Route): ReactNode {
  switch (route.name) {
    case 'orgs':
      return <OrgPickerScreen />;
    case 'accounts':
      return <AccountListScreen key={route.org.id} org={route.org} />;
    case 'account':
      return <AccountDetailScreen org={route.org} accountId={route.accountId} />;
    case 'roles':
      return <RolePickerScreen org={route.org} accountId={route.accountId} />;
    case 'clients':
      return <ClientsScreen org={route.org} accountId={route.accountId} />;
    case 'guide':
      return <GuideScreen org={route.org} />;
    case 'rotate':
      return <RotateScreen org={route.org} accountId={route.accountId} />;
    case 'activity':
      return <ActivityScreen org={route.org} accountId={route.accountId} />;
    case 'org-changes':
      return <OrgChangesScreen org={route.org} />;
  }
}

export function routeTitle(route: Route): string {
  switch (route.name) {
    case 'orgs':
      return 'Orgs';
    case 'accounts':
      return route.org.name;
    case 'account':
      return `Account ${route.accountId}`;
    case 'roles':
      return 'Roles';
    case 'clients':
      return 'Clients';
    case 'guide':
      return 'New integration';
    case 'rotate':
      return 'Rotate';
    case 'activity':
      return 'Activity';
    case 'org-changes':
      return 'Changes';
  }
}
