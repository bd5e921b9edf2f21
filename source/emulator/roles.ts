/**
 * The emulator's role catalogue. Names, display names and categories follow Flexera's published
 * catalogue (API.md §6.4); ids, capabilities, descriptions and privileges are this project's own
 * definitions [I]. Ids are stable large integers, the same in every org and zone (iam_admin is
 * 678907, as in the article). `iam_admin` holds every `iam:*` privilege; `org_owner` holds
 * `common:org:own`, the owner catch-all (API.md §7).
 */

export interface RoleDef {
  id: number;
  name: string;
  displayName: string;
  category: string;
  capability: string;
  description: string;
  privileges: readonly string[];
  scopes: ReadonlyArray<'org' | 'report'>;
}

const crud = (prefix: string, actions: readonly string[]) =>
  actions.map((action) => `${prefix}:${action}`);
const READ = ['index', 'show'] as const;
const WRITE = ['index', 'show', 'create', 'update', 'delete'] as const;

/** Every IAM privilege the emulator knows (API.md §7); `iam_admin` holds them all. */
const IAM_PRIVILEGES: readonly string[] = [
  'iam:org:show',
  ...crud('iam:role', READ),
  ...crud('iam:access_rule', ['index', 'grant', 'revoke']),
  ...crud('iam:service_account', WRITE),
  ...crud('iam:service_account_client', ['index', 'show', 'create', 'delete']),
  ...crud('iam:org_user', WRITE),
  'iam:org_user_minimal_info:index',
  ...crud('iam:user', READ),
  ...crud('iam:group', WRITE),
  ...crud('iam:membership', ['index', 'create', 'delete', 'replace']),
  ...crud('iam:project', READ),
  ...crud('iam:capability', READ),
  'iam:api_event:index',
  ...crud('iam:refresh_token', ['index', 'show', 'delete']),
];

type Def = Omit<RoleDef, 'scopes'> & {scopes?: RoleDef['scopes']};

const PLATFORM = 'Platform Administration';
const AUTOMATION = 'Automation';
const CLOUD = 'Cloud';

const DEFS: Def[] = [
  {
    id: 678906,
    name: 'org_owner',
    displayName: 'Manage organization',
    category: PLATFORM,
    capability: 'iam',
    description:
      'Full control of the organization, including its owners. Cannot be granted to service accounts.',
    privileges: ['common:org:own'],
  },
  {
    id: 678907,
    name: 'iam_admin',
    displayName: 'Administer organization',
    category: PLATFORM,
    capability: 'iam',
    description: 'Manage users, groups, service accounts and access rules of the organization.',
    privileges: IAM_PRIVILEGES,
  },
  // Automation (policies)
  {
    id: 678911,
    name: 'policy_viewer',
    displayName: 'View policies',
    category: AUTOMATION,
    capability: 'policy',
    description: 'Read-only access to policy templates, applied policies and incidents.',
    privileges: [
      ...crud('governance:policy_template', READ),
      ...crud('governance:applied_policy', READ),
      ...crud('governance:incident', READ),
    ],
  },
  {
    id: 678912,
    name: 'policy_manager',
    displayName: 'Manage policies',
    category: AUTOMATION,
    capability: 'policy',
    description: 'Apply, update and terminate policies from the catalog.',
    privileges: [
      ...crud('governance:applied_policy', WRITE),
      ...crud('governance:incident', ['index', 'show', 'resolve']),
    ],
  },
  {
    id: 678913,
    name: 'policy_designer',
    displayName: 'Create policies',
    category: AUTOMATION,
    capability: 'policy',
    description: 'Upload and edit policy templates in the organization.',
    privileges: crud('governance:policy_template', WRITE),
  },
  {
    id: 678914,
    name: 'policy_publisher',
    displayName: 'Publish policies',
    category: AUTOMATION,
    capability: 'policy',
    description: 'Publish policy templates to the organization catalog.',
    privileges: crud('governance:published_template', WRITE),
  },
  {
    id: 678915,
    name: 'policy_approver',
    displayName: 'Approve policies',
    category: AUTOMATION,
    capability: 'policy',
    description:
      'Approve or deny remediation actions for policy incidents, without configuring the policies.',
    privileges: crud('governance:approval_request', ['approve', 'deny', 'index', 'show']),
  },
  // Cloud management
  {
    id: 678921,
    name: 'observer',
    displayName: 'View cloud',
    category: CLOUD,
    capability: 'cm',
    description: 'Read-only access to cloud accounts and their resources.',
    privileges: crud('cm:cloud_resource', READ),
  },
  {
    id: 678922,
    name: 'enterprise_manager',
    displayName: 'Manage cloud',
    category: CLOUD,
    capability: 'cm',
    description: 'Manage cloud accounts and their settings across the organization.',
    privileges: [...crud('cm:cloud_account', WRITE), ...crud('cm:cloud_resource', READ)],
  },
  {
    id: 678923,
    name: 'admin',
    displayName: 'Administer cloud',
    category: CLOUD,
    capability: 'cm',
    description: 'Administer cloud management settings and credentials.',
    privileges: [...crud('cm:cloud_account', WRITE), ...crud('cm:credential', WRITE)],
  },
  {
    id: 678924,
    name: 'actor',
    displayName: 'Manage cloud infrastructure',
    category: CLOUD,
    capability: 'cm',
    description: 'Launch, stop and change cloud infrastructure.',
    privileges: [...crud('cm:cloud_resource', WRITE), 'cm:server:launch', 'cm:server:terminate'],
  },
  {
    id: 678925,
    name: 'designer',
    displayName: 'Manage cloud components',
    category: CLOUD,
    capability: 'cm',
    description: 'Create and edit server templates and scripts.',
    privileges: [...crud('cm:server_template', WRITE), ...crud('cm:script', WRITE)],
  },
  {
    id: 678926,
    name: 'publisher',
    displayName: 'Manage groups & share objects',
    category: CLOUD,
    capability: 'cm',
    description: 'Share cloud components with other groups.',
    privileges: crud('cm:publication', WRITE),
  },
  {
    id: 678927,
    name: 'library',
    displayName: 'Manage marketplace imports',
    category: CLOUD,
    capability: 'cm',
    description: 'Import components from the marketplace.',
    privileges: crud('cm:import', ['index', 'show', 'create']),
  },
  {
    id: 678928,
    name: 'security_manager',
    displayName: 'Manage cloud security',
    category: CLOUD,
    capability: 'cm',
    description: 'Manage security groups and firewall rules.',
    privileges: crud('cm:security_group', WRITE),
  },
  {
    id: 678929,
    name: 'server_login',
    displayName: 'Manage running servers',
    category: CLOUD,
    capability: 'cm',
    description: 'Log in to running servers.',
    privileges: ['cm:server:login'],
  },
  {
    id: 678930,
    name: 'server_superuser',
    displayName: 'Manage Linux servers',
    category: CLOUD,
    capability: 'cm',
    description: 'Log in to Linux servers with superuser rights.',
    privileges: ['cm:server:login', 'cm:server:sudo'],
  },
  {
    id: 678931,
    name: 'ca_user',
    displayName: 'CA User',
    category: CLOUD,
    capability: 'optima',
    description: 'Use cloud cost analysis.',
    privileges: crud('optima:analysis', READ),
  },
  {
    id: 678932,
    name: 'credential_viewer',
    displayName: 'View credentials',
    category: CLOUD,
    capability: 'cm',
    description: 'See the names of stored credentials, never their values.',
    privileges: crud('cm:credential', READ),
  },
  // Cloud cost
  {
    id: 678941,
    name: 'billing_center_viewer',
    displayName: 'View cloud costs',
    category: CLOUD,
    capability: 'optima',
    description: 'Read cloud costs of the billing centers the subject may see.',
    privileges: [...crud('optima:billing_center', READ), ...crud('optima:cost', READ)],
  },
  {
    id: 678942,
    name: 'billing_center_admin',
    displayName: 'Manage billing centers',
    category: CLOUD,
    capability: 'optima',
    description: 'Create and arrange billing centers and their allocation rules.',
    privileges: [...crud('optima:billing_center', WRITE), ...crud('optima:cost', READ)],
  },
  {
    id: 678943,
    name: 'budget_viewer',
    displayName: 'View budgets',
    category: CLOUD,
    capability: 'optima',
    description: 'Read budgets and their alerts.',
    privileges: crud('optima:budget', READ),
  },
  {
    id: 678944,
    name: 'budget_manager',
    displayName: 'Manage budgets',
    category: CLOUD,
    capability: 'optima',
    description: 'Create and change budgets and their alerts.',
    privileges: crud('optima:budget', WRITE),
  },
  {
    id: 678945,
    name: 'bill_adjustments_viewer',
    displayName: 'View bill adjustments',
    category: CLOUD,
    capability: 'optima',
    description: 'Read bill adjustment rules.',
    privileges: crud('optima:bill_adjustment', READ),
  },
  {
    id: 678946,
    name: 'bill_adjustments_manager',
    displayName: 'Manage bill adjustments',
    category: CLOUD,
    capability: 'optima',
    description: 'Create and change bill adjustment rules.',
    privileges: crud('optima:bill_adjustment', WRITE),
  },
  {
    id: 678947,
    name: 'csm_bill_upload_admin',
    displayName: 'Manage bill ingestion',
    category: CLOUD,
    capability: 'optima',
    description: 'Upload bills and manage bill connections.',
    privileges: crud('optima:bill_upload', WRITE),
  },
  {
    id: 678948,
    name: 'csm_dashboard_admin',
    displayName: 'Manage cloud dashboard',
    category: CLOUD,
    capability: 'optima',
    description: 'Manage public and default custom cloud cost dashboards.',
    privileges: crud('optima:public_dashboard', WRITE),
    scopes: ['report'],
  },
  {
    id: 678949,
    name: 'custom_dimensions_manager',
    displayName: 'Manage tag dimensions',
    category: CLOUD,
    capability: 'optima',
    description: 'Create and change tag dimensions.',
    privileges: crud('optima:tag_dimension', WRITE),
  },
  {
    id: 678950,
    name: 'rule_based_dimensions_manager',
    displayName: 'Manage rule-based dimensions',
    category: CLOUD,
    capability: 'optima',
    description: 'Create and change rule-based dimensions.',
    privileges: crud('optima:rule_based_dimension', WRITE),
  },
  {
    id: 678951,
    name: 'reserved_instances_viewer',
    displayName: 'View Commitments',
    category: CLOUD,
    capability: 'optima',
    description: 'Read reservations and savings plans.',
    privileges: crud('optima:commitment', READ),
  },
  // Data and analytics
  {
    id: 678961,
    name: 'uom_report_viewer',
    displayName: 'View custom reports',
    category: 'Data and Analytics',
    capability: 'uom',
    description: 'Read custom reports.',
    privileges: crud('uom:report', READ),
  },
  {
    id: 678962,
    name: 'uom_report_manager',
    displayName: 'Manage custom reports',
    category: 'Data and Analytics',
    capability: 'uom',
    description: 'Create and change custom reports.',
    privileges: crud('uom:report', WRITE),
  },
  {
    id: 678963,
    name: 'uom_graphql_admin',
    displayName: 'Query Graphql',
    category: 'Data and Analytics',
    capability: 'uom',
    description: 'Query the data model through GraphQL.',
    privileges: ['uom:graphql:query'],
  },
  // Discovery and inventory
  {
    id: 678971,
    name: 'di_viewer',
    displayName: 'View discovery & inventory',
    category: 'Discovery and Inventory',
    capability: 'di',
    description: 'Read discovered devices and inventory.',
    privileges: crud('di:inventory', READ),
  },
  {
    id: 678972,
    name: 'di_admin',
    displayName: 'Manage discovery & inventory',
    category: 'Discovery and Inventory',
    capability: 'di',
    description: 'Manage discovery beacons, agents and inventory connections.',
    privileges: [...crud('di:inventory', WRITE), ...crud('di:connection', WRITE)],
  },
  {
    id: 678973,
    name: 'di_connection_deleter',
    displayName: 'Delete external inventory connections',
    category: 'Discovery and Inventory',
    capability: 'di',
    description: 'Delete external inventory connections.',
    privileges: ['di:connection:delete'],
  },
  // IT Visibility
  ...(
    [
      [
        678981,
        'vis_viewer',
        'View IT Visibility',
        'Read IT Visibility data.',
        crud('vis:data', READ),
      ],
      [
        678982,
        'vis_admin',
        'Manage connections',
        'Manage IT Visibility connections.',
        crud('vis:connection', WRITE),
      ],
      [
        678983,
        'vis_dashboards_manager',
        'Manage Dashboards',
        'Create and change IT Visibility dashboards.',
        crud('vis:dashboard', WRITE),
      ],
      [
        678984,
        'vis_exports_viewer',
        'Export data',
        'Export IT Visibility data.',
        crud('vis:export', ['index', 'show', 'create']),
      ],
      [
        678985,
        'vis_exports_admin',
        'Schedule & export data',
        'Schedule and manage exports.',
        crud('vis:export', WRITE),
      ],
      [
        678986,
        'vis_insights_manager',
        'View & Create Insights',
        'Read and create IT Visibility insights.',
        crud('vis:insight', WRITE),
      ],
    ] as const
  ).map(([id, name, displayName, description, privileges]) => ({
    id,
    name,
    displayName,
    category: 'IT Visibility',
    capability: 'vis',
    description,
    privileges,
  })),
  // Other
  {
    id: 678991,
    name: 'content_user',
    displayName: 'Read Technopedia Data',
    category: 'Other',
    capability: 'technopedia',
    description: 'Read Technopedia content.',
    privileges: crud('technopedia:content', READ),
  },
  {
    id: 678992,
    name: 'vendor_workspace_viewer',
    displayName: 'View Vendor Workspaces',
    category: 'Other',
    capability: 'vendor',
    description: 'Read vendor workspaces.',
    privileges: crud('vendor:workspace', READ),
  },
  // Self-service
  {
    id: 679001,
    name: 'ss_observer',
    displayName: 'View self-service',
    category: 'Self-service CloudApps',
    capability: 'ss',
    description: 'Read the self-service catalog and running apps.',
    privileges: [...crud('ss:catalog', READ), ...crud('ss:execution', READ)],
  },
  {
    id: 679002,
    name: 'ss_end_user',
    displayName: 'Launch & manage cloud apps',
    category: 'Self-service CloudApps',
    capability: 'ss',
    description: 'Launch and manage cloud apps from the catalog.',
    privileges: [...crud('ss:catalog', READ), ...crud('ss:execution', WRITE)],
  },
  {
    id: 679003,
    name: 'ss_designer',
    displayName: 'Manage self-service',
    category: 'Self-service CloudApps',
    capability: 'ss',
    description: 'Design and publish self-service catalog items.',
    privileges: [...crud('ss:catalog', WRITE), ...crud('ss:template', WRITE)],
  },
  // SBOM, SCA data library
  {
    id: 679011,
    name: 'sbom_viewer',
    displayName: 'SBOM Viewer',
    category: 'Software Bill Of Materials',
    capability: 'sbom',
    description: 'Read software bills of materials.',
    privileges: crud('sbom:sbom', READ),
  },
  {
    id: 679012,
    name: 'sbom_admin',
    displayName: 'SBOM Manager',
    category: 'Software Bill Of Materials',
    capability: 'sbom',
    description: 'Upload and manage software bills of materials.',
    privileges: crud('sbom:sbom', WRITE),
  },
  {
    id: 679021,
    name: 'sdl_viewer',
    displayName: 'Retrieve Data from Revenera Data Library',
    category: 'SCA Data Library',
    capability: 'sdl',
    description: 'Retrieve component data from the Revenera data library.',
    privileges: crud('sdl:component', READ),
  },
  {
    id: 679022,
    name: 'sdl_license_text_viewer',
    displayName: 'Retrieve License Texts from Revenera Data Library',
    category: 'SCA Data Library',
    capability: 'sdl',
    description: 'Retrieve license texts from the Revenera data library.',
    privileges: crud('sdl:license_text', READ),
  },
  // Technology spend
  {
    id: 679031,
    name: 'sa_viewer',
    displayName: 'View Technology Spend',
    category: 'Technology Spend',
    capability: 'fss',
    description: 'Read technology spend data.',
    privileges: crud('fss:spend', READ),
  },
  {
    id: 679032,
    name: 'sa_admin',
    displayName: 'Manage Technology Spend',
    category: 'Technology Spend',
    capability: 'fss',
    description: 'Manage technology spend data and connections.',
    privileges: [...crud('fss:spend', WRITE), ...crud('fss:connection', WRITE)],
  },
  {
    id: 679033,
    name: 'sa_insights_manager',
    displayName: 'View & Create Insights',
    category: 'Technology Spend',
    capability: 'fss',
    description: 'Read and create technology spend insights.',
    privileges: crud('fss:insight', WRITE),
  },
];

/** Roles in catalogue order (the order of GET /roles). */
export const ROLES: readonly RoleDef[] = DEFS.map((def) => ({
  ...def,
  scopes: def.scopes ?? ['org'],
}));

const BY_NAME = new Map(ROLES.map((role) => [role.name, role]));
const BY_ID = new Map(ROLES.map((role) => [role.id, role]));

export function roleByName(name: string): RoleDef | undefined {
  return BY_NAME.get(name);
}

export function roleById(id: number): RoleDef | undefined {
  return BY_ID.get(id);
}

/** When the catalogue was "created": a fixed instant, so answers are deterministic. */
export const ROLES_CREATED_AT = '2020-03-20T16:18:56.542732Z';

/** Roles a service account may not hold (API.md §6.2: "cannot be granted the org owner role"). */
export const SUPERUSER_ROLES: ReadonlySet<string> = new Set(['org_owner']);
