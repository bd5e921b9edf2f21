import {createHash} from 'node:crypto';
import {ALL_CAPABILITIES, allBut, grantCapabilities} from './capabilities.js';
import type {ZoneRuntime} from './context.js';
import {roleByName, ROLES} from './roles.js';
import {newClientSecret} from './secrets.js';
import type {AccessSource, ScopeKind, SubjectKind} from './state.js';
import {DAY_MS, timestamp} from './time.js';
import type {
  EmulatorZone,
  SeedFacts,
  SeedOrg,
  SeedProject,
  SeedServiceAccount,
  SeedUser,
} from './types.js';
import {USERS_PAGE_SIZE} from './routes/users.js';
import {BUSY_ORG, seedBusyHistory, seedDailyHistory, seedPrimaryHistory} from './seed-events.js';

/**
 * Demo data, the same on every start except secrets (refresh tokens, client secrets), which are
 * random. Ids echo the article: user 121456 in org 1105, and the next account created there is 2263.
 */

const BASE = Date.UTC(2023, 6, 10, 20, 28, 48, 531);
const at = (days: number, micros = 479) => timestamp(BASE + days * DAY_MS, micros);

const FIRST = [
  'Aisha',
  'Ben',
  'Carla',
  'Dmitri',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Keiko',
  'Liam',
  'Maya',
  'Nikhil',
  'Olga',
  'Pedro',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Umar',
  'Vera',
  'Wes',
  'Xin',
  'Yara',
  'Zane',
  'Amara',
  'Bruno',
];
const LAST = [
  'Adeyemi',
  'Becker',
  'Castro',
  'Dimitrov',
  'Eriksen',
  'Farouk',
  'Garcia',
  'Hayashi',
  'Iglesias',
  'Jansen',
  'Kimura',
  'Larsen',
  'Mendes',
  'Nair',
  'Orlova',
  'Pereira',
  'Quist',
  'Rossi',
  'Saleh',
  'Thompson',
  'Usman',
  'Vasquez',
  'Walsh',
  'Xu',
  'Yilmaz',
  'Zimmer',
  'Okafor',
  'Silva',
];
const ROLE_CYCLE: Array<string | undefined> = [
  'observer',
  'billing_center_viewer',
  'policy_viewer',
  undefined,
  'budget_viewer',
  'di_viewer',
  undefined,
];

class Seeder {
  readonly facts: {
    orgs: SeedOrg[];
    serviceAccounts: SeedServiceAccount[];
    projects: SeedProject[];
  } = {
    orgs: [],
    serviceAccounts: [],
    projects: [],
  };

  constructor(private readonly zone: ZoneRuntime) {}

  private get state() {
    return this.zone.state;
  }

  org(
    id: number,
    name: string,
    createdDay: number,
    subdomain?: string,
    capabilities: readonly string[] = ALL_CAPABILITIES,
  ): void {
    this.state.orgs.set(id, {
      id,
      name,
      createdAt: at(createdDay, 204),
      updatedAt: at(createdDay + 30, 918),
      subdomain,
    });
    grantCapabilities(this.state, id, capabilities, at(createdDay, 204));
  }

  user(
    id: number,
    firstName: string,
    lastName: string,
    email: string,
    day: number,
    logins = true,
  ): SeedUser {
    this.state.users.set(id, {
      id,
      email,
      firstName,
      lastName,
      createdAt: at(day, 627),
      updatedAt: at(day + 10, 20),
      ...(logins ? {lastUILogin: at(day + 400, 110), lastAPILogin: at(day + 380, 355)} : {}),
      status: 'active',
    });
    return {id, email, firstName, lastName};
  }

  member(
    orgId: number,
    userId: number,
    role?: string,
    accessSource: AccessSource = 'org_member',
  ): void {
    const day = (userId % 97) + 300;
    this.state.addMember(orgId, {userId, accessSource, lastActivity: at(day, 512)});
    if (role) this.rule(orgId, 'iam:user', userId, role);
  }

  rule(
    orgId: number,
    subjectKind: SubjectKind,
    subjectId: number,
    roleName: string,
    scope?: {kind: ScopeKind; id: number},
  ): void {
    const role = roleByName(roleName);
    if (!role) throw new Error(`seed: unknown role ${roleName}`);
    this.state.addRule({
      orgId,
      subjectKind,
      subjectId,
      roleId: role.id,
      scopeKind: scope?.kind ?? 'iam:org',
      scopeId: scope?.id ?? orgId,
      createdAt: at(-200 + (subjectId % 50), 130 + (role.id % 800)),
    });
  }

  serviceAccount(
    orgId: number,
    id: number,
    name: string,
    description: string | undefined,
    createdBy: number,
    roles: string[],
    clientCount: number,
  ): void {
    const day = -120 + (id % 100);
    this.state.serviceAccounts.set(id, {
      id,
      orgId,
      name,
      description,
      createdBy,
      createdAt: at(day),
      updatedAt: at(day + 2, 881),
    });
    for (const role of roles) this.rule(orgId, 'iam:service-account', id, role);
    const clients = [];
    for (let n = 0; n < clientCount; n++) {
      const clientId = seededClientId(this.zone.id, id, n);
      const createdAt = at(day + 1 + n * 60, 195 + n);
      const {secret: clientSecret, record} = newClientSecret(createdAt);
      this.state.clients.set(clientId, {
        clientId,
        orgId,
        serviceAccountId: id,
        secrets: [record],
        createdBy,
        createdAt,
      });
      clients.push({clientId, clientSecret});
    }
    this.facts.serviceAccounts.push({
      zone: this.zone.id,
      orgId,
      id,
      name,
      ...(description !== undefined ? {description} : {}),
      roles,
      clients,
    });
  }

  project(orgId: number, id: number, name: string): void {
    this.state.projects.set(id, {
      id,
      orgId,
      name,
      createdAt: at(-500 + (id % 40), 333),
      updatedAt: at(-100 + (id % 40), 71),
    });
    this.facts.projects.push({zone: this.zone.id, orgId, id, name});
  }

  orgFact(id: number, demoUserRole?: string): void {
    this.facts.orgs.push({
      zone: this.zone.id,
      id,
      name: this.state.orgs.get(id)!.name,
      ...(demoUserRole ? {demoUserRole} : {}),
    });
  }
}

/** The id of an account's n-th seeded client (deterministic, so the event history can name it). */
function seededClientId(zone: EmulatorZone, serviceAccountId: number, n: number): string {
  return createHash('sha256').update(`${zone}:${serviceAccountId}:${n}`).digest('hex').slice(0, 24);
}

const PRIMARY_ORG = 1105;
const ADMIN_ORG = 1180;
const READ_ONLY_ORG = 1207;
const EXTRA_ORG_BASE = 50_000;

export interface SeedResult {
  facts: SeedFacts;
  refreshTokens: Record<EmulatorZone, string>;
}

export function seed(
  zones: Record<EmulatorZone, ZoneRuntime>,
  nowMs: number,
  extraOrgs: number,
  busyOrg?: {accounts: number; events: number},
): SeedResult {
  // NAM
  const nam = new Seeder(zones.nam);
  const demo = nam.user(121456, 'Alex', 'Morgan', 'alex.morgan@acme.example', -900);
  const viewer = nam.user(121457, 'Vic', 'Tanaka', 'vic.tanaka@acme.example', -600);
  // Demo orgs lack some capabilities (API.md §12.5), so some roles cannot be granted there.
  nam.org(PRIMARY_ORG, 'Acme Corp', -1500, 'acme', allBut('sbom', 'sdl'));
  nam.org(
    ADMIN_ORG,
    'Globex Corporation',
    -1200,
    'globex',
    allBut('sbom', 'sdl', 'vendor', 'vis', 'technopedia'),
  );
  nam.org(READ_ONLY_ORG, 'Initech Labs', -800, undefined, ['cm', 'policy']);
  nam.member(PRIMARY_ORG, demo.id, 'org_owner');
  nam.member(PRIMARY_ORG, viewer.id, 'policy_viewer');
  for (let i = 0; i < FIRST.length; i++) {
    const id = 121458 + i;
    const first = FIRST[i]!;
    const last = LAST[i]!;
    const external = i >= FIRST.length - 2;
    const email = `${first}.${last}@${external ? 'partner.example' : 'acme.example'}`.toLowerCase();
    nam.user(id, first, last, email, -1000 + i * 13, i % 5 !== 4);
    nam.member(
      PRIMARY_ORG,
      id,
      i === 0 ? 'iam_admin' : ROLE_CYCLE[i % ROLE_CYCLE.length],
      external ? 'external_access_policy' : 'org_member',
    );
  }
  nam.project(PRIMARY_ORG, 2345, 'Production');
  nam.project(PRIMARY_ORG, 2346, 'Staging');
  nam.project(PRIMARY_ORG, 2347, 'Data Platform');
  nam.rule(PRIMARY_ORG, 'iam:user', 121465, 'policy_manager', {kind: 'iam:project', id: 2346});
  nam.serviceAccount(
    PRIMARY_ORG,
    2257,
    'billing-export',
    'Nightly cloud cost export to the data lake',
    demo.id,
    ['billing_center_viewer'],
    1,
  );
  nam.serviceAccount(
    PRIMARY_ORG,
    2258,
    'policy-automation',
    'Applies and resolves governance policies from CI',
    demo.id,
    ['policy_manager', 'policy_viewer'],
    1,
  );
  nam.serviceAccount(
    PRIMARY_ORG,
    2259,
    'inventory-sync',
    'Pulls discovery & inventory data into the CMDB',
    121458,
    ['di_viewer'],
    0,
  );
  nam.serviceAccount(
    PRIMARY_ORG,
    2260,
    'terraform-iam',
    'Manages service accounts and access rules from Terraform',
    demo.id,
    ['iam_admin'],
    2,
  );
  nam.serviceAccount(PRIMARY_ORG, 2261, 'legacy-reporting', undefined, demo.id, [], 0);
  nam.serviceAccount(
    PRIMARY_ORG,
    2262,
    'grafana-dashboards',
    'Read-only cost dashboards in Grafana',
    demo.id,
    ['billing_center_viewer', 'budget_viewer'],
    1,
  );

  nam.user(121486, 'Grace', 'Owens', 'grace.owens@globex.example', -1100);
  nam.member(ADMIN_ORG, demo.id, 'iam_admin');
  nam.member(ADMIN_ORG, 121486, 'org_owner');
  nam.member(ADMIN_ORG, 121459, 'observer');
  nam.member(ADMIN_ORG, 121460, 'billing_center_viewer');
  nam.project(ADMIN_ORG, 2401, 'Globex Main');
  nam.serviceAccount(
    ADMIN_ORG,
    2241,
    'etl-loader',
    'Loads custom reports into the warehouse',
    121486,
    ['uom_report_viewer'],
    1,
  );
  nam.serviceAccount(ADMIN_ORG, 2242, 'backup-auditor', undefined, demo.id, [], 0);

  nam.user(121487, 'Ian', 'Chambers', 'ian.chambers@initech.example', -700);
  nam.member(READ_ONLY_ORG, demo.id, 'observer');
  nam.member(READ_ONLY_ORG, 121487, 'org_owner');
  nam.project(READ_ONLY_ORG, 2450, 'Lab');
  nam.serviceAccount(
    READ_ONLY_ORG,
    2250,
    'lab-scanner',
    'Scans lab cloud accounts',
    121487,
    ['observer'],
    1,
  );

  nam.orgFact(PRIMARY_ORG, 'org_owner');
  nam.orgFact(ADMIN_ORG, 'iam_admin');
  nam.orgFact(READ_ONLY_ORG, 'observer');
  const extra: number[] = [];
  for (let n = 1; n <= extraOrgs; n++) {
    const id = EXTRA_ORG_BASE + n;
    nam.org(id, `Demo Org ${String(n).padStart(4, '0')}`, -400 + (n % 300));
    nam.member(id, demo.id, 'org_owner');
    nam.orgFact(id, 'org_owner');
    extra.push(id);
  }
  let busy: number | undefined;
  if (busyOrg) {
    const {accounts, events} = busyOrg;
    if (!Number.isInteger(accounts) || accounts < 1 || accounts > 20)
      throw new Error('seed.busyOrg.accounts must be a whole number from 1 to 20');
    if (!Number.isInteger(events) || events < 0)
      throw new Error('seed.busyOrg.events must be a whole number >= 0');
    busy = BUSY_ORG;
    nam.org(BUSY_ORG, 'Busy Industries', -600, 'busy');
    nam.member(BUSY_ORG, demo.id, 'org_owner');
    nam.orgFact(BUSY_ORG, 'org_owner');
    const made: Array<{id: number; name: string}> = [];
    for (let n = 1; n <= accounts; n++) {
      const id = 3000 + n;
      const name = `busy-app-${String(n).padStart(2, '0')}`;
      nam.serviceAccount(BUSY_ORG, id, name, undefined, demo.id, ['observer'], 1);
      made.push({id, name});
    }
    seedBusyHistory(zones.nam.state, BUSY_ORG, nowMs, made, events);
  }

  // API events (API.md §12.1): 90 days of history up to now.
  const activity = seedPrimaryHistory(zones.nam.state, PRIMARY_ORG, nowMs, (id, n) =>
    seededClientId('nam', id, n),
  );
  seedDailyHistory(zones.nam.state, ADMIN_ORG, nowMs, 'api.flexera.com', {
    id: 2241,
    name: 'etl-loader',
  });
  zones.nam.state.nextServiceAccountId = 2263;

  // EU
  const eu = new Seeder(zones.eu);
  const euDemo = eu.user(305112, 'Alex', 'Morgan', 'alex.morgan@acme.example', -880);
  eu.user(305113, 'Lena', 'Fischer', 'lena.fischer@acme-europe.example', -700);
  eu.user(305114, 'Marc', 'Dubois', 'marc.dubois@acme-europe.example', -650);
  eu.org(7301, 'Acme Europe GmbH', -1300, 'acme-eu', allBut('sbom', 'sdl', 'technopedia'));
  eu.member(7301, euDemo.id, 'org_owner');
  eu.member(7301, 305113, 'iam_admin');
  eu.member(7301, 305114, 'observer');
  eu.project(7301, 7401, 'EU Production');
  eu.serviceAccount(
    7301,
    4101,
    'eu-billing-export',
    'Cost export for the EU finance team',
    euDemo.id,
    ['billing_center_viewer'],
    1,
  );
  eu.serviceAccount(7301, 4102, 'eu-policy-runner', undefined, euDemo.id, ['policy_viewer'], 0);
  eu.orgFact(7301, 'org_owner');
  seedDailyHistory(zones.eu.state, 7301, nowMs, 'api.flexera.eu', {
    id: 4101,
    name: 'eu-billing-export',
  });
  zones.eu.state.nextServiceAccountId = 4103;

  // APAC
  const apac = new Seeder(zones.apac);
  const apacDemo = apac.user(408877, 'Alex', 'Morgan', 'alex.morgan@acme.example', -860);
  apac.user(408878, 'Priya', 'Nair', 'priya.nair@acme-pacific.example', -640);
  apac.org(9102, 'Acme Pacific Pty Ltd', -1100, 'acme-apac');
  apac.member(9102, apacDemo.id, 'org_owner');
  apac.member(9102, 408878, 'iam_admin');
  apac.project(9102, 9201, 'APAC Production');
  apac.serviceAccount(
    9102,
    5201,
    'apac-cost-sync',
    'Syncs APAC cloud costs',
    apacDemo.id,
    ['billing_center_viewer'],
    1,
  );
  apac.orgFact(9102, 'org_owner');
  seedDailyHistory(zones.apac.state, 9102, nowMs, 'api.flexera.au', {
    id: 5201,
    name: 'apac-cost-sync',
  });
  zones.apac.state.nextServiceAccountId = 5202;

  const refreshTokens: Record<EmulatorZone, string> = {
    nam: zones.nam.tokens.issueRefreshToken(demo.id, nowMs),
    eu: zones.eu.tokens.issueRefreshToken(euDemo.id, nowMs),
    apac: zones.apac.tokens.issueRefreshToken(apacDemo.id, nowMs),
  };
  const viewerToken = zones.nam.tokens.issueRefreshToken(viewer.id, nowMs);

  const all = [nam, eu, apac];
  const facts: SeedFacts = {
    demoUser: {nam: demo, eu: euDemo, apac: apacDemo},
    viewer: {
      ...viewer,
      zone: 'nam',
      orgId: PRIMARY_ORG,
      role: 'policy_viewer',
      refreshToken: viewerToken,
    },
    orgIds: {
      primary: PRIMARY_ORG,
      admin: ADMIN_ORG,
      readOnly: READ_ONLY_ORG,
      extra,
      ...(busy !== undefined ? {busy} : {}),
      eu: 7301,
      apac: 9102,
    },
    orgs: all.flatMap((s) => s.facts.orgs),
    serviceAccounts: all.flatMap((s) => s.facts.serviceAccounts),
    projects: all.flatMap((s) => s.facts.projects),
    nextServiceAccountId: 2263,
    primaryOrgUserCount: zones.nam.state.members.get(PRIMARY_ORG)?.size ?? 0,
    usersPageSize: USERS_PAGE_SIZE,
    activity,
    roleIds: Object.fromEntries(ROLES.map((role) => [role.name, role.id])),
  };
  return {facts, refreshTokens};
}
