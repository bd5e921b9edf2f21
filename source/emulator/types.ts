/**
 * The emulator's own types. It shares nothing with source/api on purpose (DESIGN.md): the client
 * and the emulator meet only over HTTP, so a contract test between them can fail.
 */

export type EmulatorZone = 'nam' | 'eu' | 'apac';
export const EMULATOR_ZONES: readonly EmulatorZone[] = ['nam', 'eu', 'apac'];

/** The zone segment of resource refs (API.md §1, §4.6): APAC refs say `au`. */
export const REF_ZONE: Readonly<Record<EmulatorZone, string>> = {nam: 'nam', eu: 'eu', apac: 'au'};

export interface RateLimitOptions {
  perOrg: number;
  perPrincipal: number;
  windowMs: number;
}

/**
 * Forms the sources allow where production's choice is unknown, so the client can be tested
 * against each (API.md §12.3, §12.7, §12.8). Defaults are the emulator's one choice.
 */
export interface EmulatorForms {
  /** Client-secret endpoints present (default true); false answers 404, as a deployment without them. */
  clientSecrets: boolean;
  /** The unfiltered access-rule list includes project rules (SPEC example, §12.7); default false. */
  projectRulesInList: boolean;
  /** Access rules with string ids and refs without `ref:` (SPEC example, §12.7); default false. */
  specExampleRules: boolean;
  /** `nextPage` relative to the API host (default) or an absolute URL (GOCLIENT, §12.8). */
  nextPage: 'relative' | 'absolute';
}

export const DEFAULT_FORMS: Readonly<EmulatorForms> = {
  clientSecrets: true,
  projectRulesInList: false,
  specExampleRules: false,
  nextPage: 'relative',
};

export interface EmulatorOptions {
  /** Address to bind; default '127.0.0.1'. */
  host?: string;
  /** NAM port; EU = port+1, APAC = port+2; 0 (default) = three ephemeral ports. */
  port?: number;
  /** Epoch ms; default Date.now. Used for token expiry, createdAt and rate windows. */
  clock?: () => number;
  /** Access-token lifetime; default 3600. */
  tokenLifetimeSeconds?: number;
  /** Default {perOrg: 1000, perPrincipal: 500, windowMs: 60_000} (API.md §4.3); false = off. */
  rateLimit?: false | RateLimitOptions;
  seed?: {
    extraOrgs?: number;
    /**
     * A NAM org (BUSY_ORG, demo user org_owner) with this many service accounts (≤ 20) and this
     * many API events over the last 90 days: the bench's large history.
     */
    busyOrg?: {accounts: number; events: number};
  };
  forms?: Partial<EmulatorForms>;
  /** Request log lines (zone, method, path, status): never tokens or secrets. */
  log?: (line: string) => void;
}

export type FaultSpec =
  | {type: 'latency'; ms: number}
  | {type: 'status'; status: 403 | 429 | 500 | 502 | 503; retryAfterSeconds?: number}
  | {type: 'drop'; when: 'before' | 'after'};

export interface FaultRule {
  zone?: EmulatorZone;
  method?: string;
  /** Matched against the pathname: a string is exact, or a prefix when it ends in '*'. */
  path?: string | RegExp;
  /** Default 1; Infinity allowed. */
  times?: number;
  fault: FaultSpec;
}

export interface RecordedRequest {
  zone: EmulatorZone;
  method: string;
  /** Pathname and query (query values named like tokens or secrets are redacted). */
  path: string;
  /** 0 when the connection was dropped by a fault. */
  status: number;
  /** `u-{userId}` or `sa-{serviceAccountId}` when the request carried a valid access token. */
  principal?: string;
  /** Clock time (epoch ms) when the request arrived. */
  at: number;
  /** The request's Content-Type header, if any. */
  contentType?: string;
}

export interface SeedUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
}

export interface SeedOrg {
  zone: EmulatorZone;
  id: number;
  name: string;
  /** The role the zone's demo user holds there (undefined: not a member). */
  demoUserRole?: string;
}

interface SeedClient {
  clientId: string;
  /** Random per start. */
  clientSecret: string;
}

export interface SeedServiceAccount {
  zone: EmulatorZone;
  orgId: number;
  id: number;
  name: string;
  description?: string;
  /** Role names granted at org scope. */
  roles: string[];
  clients: SeedClient[];
}

export interface SeedProject {
  zone: EmulatorZone;
  orgId: number;
  id: number;
  name: string;
}

export interface SeedFacts {
  /** The demo user of each zone (NAM 121456, as in the article). */
  demoUser: Record<EmulatorZone, SeedUser>;
  /** A NAM user who only holds `policy_viewer` in org 1105: reads the org and roles, gets 403 elsewhere. */
  viewer: SeedUser & {zone: 'nam'; orgId: number; role: string; refreshToken: string};
  orgIds: {
    /** 1105: first in the demo user's org list; the demo user is org_owner there. */
    primary: number;
    /** The demo user is iam_admin there. */
    admin: number;
    /** The demo user holds only a read role (`observer`) there: service accounts and users answer 403. */
    readOnly: number;
    /** seed.extraOrgs more NAM orgs where the demo user is org_owner. */
    extra: number[];
    /** The seed.busyOrg org, when asked for. */
    busy?: number;
    eu: number;
    apac: number;
  };
  orgs: SeedOrg[];
  serviceAccounts: SeedServiceAccount[];
  projects: SeedProject[];
  /** The next service-account id a create in NAM will get (2263, as in the article). */
  nextServiceAccountId: number;
  /** Org users in the primary org (so paging shows with the page size). */
  primaryOrgUserCount: number;
  /** Page size of GET /orgs/{orgId}/users. */
  usersPageSize: number;
  /** API events of the demo history (api-events.ts, seed-events.ts). */
  activity: {
    /** Accounts of the primary org with calls every day. */
    dailyAccountIds: number[];
    /** Last call ~60 days ago. */
    idleAccountId: number;
    /** No call in the history. */
    neverUsedAccountId: number;
  };
  /** Role ids (the same in every org and zone). */
  roleIds: Record<string, number>;
}

export interface Emulator {
  /** Origins, no trailing slash; api === login per zone. */
  zones: Record<EmulatorZone, {api: string; login: string}>;
  /** The demo user's refresh token in each zone (random per start). */
  refreshTokens: Record<EmulatorZone, string>;
  seed: SeedFacts;
  faults: {
    /** Returns a remover. */
    inject(rule: FaultRule): () => void;
    clear(): void;
  };
  setTokenLifetime(seconds: number): void;
  /** The forms in use; `setForms` changes some of them for the answers from now on. */
  readonly forms: Readonly<EmulatorForms>;
  setForms(forms: Partial<EmulatorForms>): void;
  /** A new refresh token for a user of that zone. `createdAt` decides the expiry rule (§2.3). */
  issueRefreshToken(
    zone: EmulatorZone,
    userId: number,
    options?: {expiresAt?: string; createdAt?: string},
  ): string;
  /** Revokes a refresh token (any zone); unknown tokens are ignored. */
  revokeRefreshToken(token: string): void;
  requests: ReadonlyArray<RecordedRequest>;
  resetRequests(): void;
  close(): Promise<void>;
}
