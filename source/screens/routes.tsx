/** Which screen draws which route, and the route's name in the breadcrumb. */
import type {ReactNode} from 'react';
import type {Route} from '../navigation.js';
import {AccountDetailScreen} from './account-detail/index.js';
import {AccountListScreen} from './account-list/index.js';
import {ClientsScreen} from './clients/index.js';
import {GuideScreen} from './guide/index.js';
import {OrgPickerScreen} from './org-picker/index.js';
import {RolePickerScreen} from './role-picker/index.js';
import {RotateScreen} from './rotate/index.js';
import {ActivityScreen} from './activity/index.js';
import {OrgChangesScreen} from './org-changes/index.js';

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
