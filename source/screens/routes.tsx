/**
 * Which screen draws which route, and the route's name in the breadcrumb.
 *
 * The org picker is the one screen the first frame draws (sign-in is the app's own); every other
 * screen is its own chunk (esbuild splitting), loaded when first shown (issue #15). While one
 * loads the body shows the spinner line, and keys typed meanwhile wait for the screen.
 */
import type {ReactNode} from 'react';
import type {Route} from '../navigation.js';
import {OrgPickerScreen} from './org-picker/index.js';
import {lazyScreen} from './shared/lazy-screen.js';

const AccountListScreen = lazyScreen(() =>
  import('./account-list/index.js').then((m) => m.AccountListScreen),
);
const AccountDetailScreen = lazyScreen(() =>
  import('./account-detail/index.js').then((m) => m.AccountDetailScreen),
);
const RolePickerScreen = lazyScreen(() =>
  import('./role-picker/index.js').then((m) => m.RolePickerScreen),
);
const ClientsScreen = lazyScreen(() => import('./clients/index.js').then((m) => m.ClientsScreen));
const GuideScreen = lazyScreen(() => import('./guide/index.js').then((m) => m.GuideScreen));
const RotateScreen = lazyScreen(() => import('./rotate/index.js').then((m) => m.RotateScreen));
const ActivityScreen = lazyScreen(() =>
  import('./activity/index.js').then((m) => m.ActivityScreen),
);
const OrgChangesScreen = lazyScreen(() =>
  import('./org-changes/index.js').then((m) => m.OrgChangesScreen),
);

export function renderRoute(route: Route): ReactNode {
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
