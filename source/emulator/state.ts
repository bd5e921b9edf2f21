import type {EmulatorZone} from './types.js';
import {REF_ZONE} from './types.js';
import type {ApiEventRecord} from './api-events.js';
import {timestamp} from './time.js';

/** In-memory state of one zone: orgs, users, service accounts, clients, access rules, projects, tokens. */

export interface Org {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  subdomain?: string;
  partnerId?: string;
}

export interface User {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  createdAt: string;
  updatedAt: string;
  lastUILogin?: string;
  lastAPILogin?: string;
  status: 'active' | 'inactive';
}

export type AccessSource = 'org_member' | 'external_access_policy';

export interface Membership {
  userId: number;
  accessSource: AccessSource;
  lastActivity?: string;
}

export interface ServiceAccount {
  id: number;
  orgId: number;
  name: string;
  description?: string;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
}

/** One secret of a client (API.md §12.3): only its hash and its mask are kept. */
interface ClientSecret {
  hash: Buffer;
  /** `****` and the last 4 characters [I, API.md §12.3: the mask format is not published]. */
  masked: string;
  createdAt: string;
}

export interface Client {
  clientId: string;
  orgId: number;
  serviceAccountId: number;
  /** Oldest first; at most MAX_SECRETS_PER_CLIENT, every one of them active. */
  secrets: ClientSecret[];
  createdBy: number;
  createdAt: string;
}

/** A capability an org holds (API.md §12.5). */
export interface Capability {
  name: string;
  createdAt: string;
  updatedAt: string;
  description?: string;
  onboardingStatus?: string;
}

export type SubjectKind = 'iam:user' | 'iam:service-account' | 'iam:group';
export type ScopeKind = 'iam:org' | 'iam:project';

export interface AccessRule {
  orgId: number;
  subjectKind: SubjectKind;
  subjectId: number;
  roleId: number;
  scopeKind: ScopeKind;
  scopeId: number;
  createdAt: string;
}

export interface Project {
  id: number;
  orgId: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface RefreshTokenRecord {
  /** Public id (`^[a-zA-Z0-9]+$`), shown by GET /refresh-tokens. */
  id: string;
  /** sha256 of the token, hex: the token itself is not kept. */
  hash: string;
  userId: number;
  createdAt: number;
  expiresAt: number;
  /** Tokens created on or after 2026-03-18 have a fixed 365-day life; older ones slide (API.md §2.3). */
  fixedLifetime: boolean;
  revoked: boolean;
}

export type Principal =
  {kind: 'user'; userId: number} | {kind: 'sa'; serviceAccountId: number; orgId: number};

export function principalSub(principal: Principal): string {
  return principal.kind === 'user' ? `u-${principal.userId}` : `sa-${principal.serviceAccountId}`;
}

export interface AccessTokenRecord {
  principal: Principal;
  source: {kind: 'refresh'; id: string} | {kind: 'client'; clientId: string};
  /** Epoch seconds. */
  exp: number;
}

export class ZoneState {
  readonly orgs = new Map<number, Org>();
  readonly users = new Map<number, User>();
  /** orgId → (userId → membership), in the order members joined. */
  readonly members = new Map<number, Map<number, Membership>>();
  readonly serviceAccounts = new Map<number, ServiceAccount>();
  readonly clients = new Map<string, Client>();
  /** orgId → rules. */
  readonly rules = new Map<number, AccessRule[]>();
  readonly projects = new Map<number, Project>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly refreshTokenByHash = new Map<string, RefreshTokenRecord>();
  /** jti → what the access token stands for (see tokens.ts for why). */
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  /** orgId → capabilities (API.md §12.5); every org has at least `iam`. */
  readonly capabilities = new Map<number, Capability[]>();
  /** orgId → API events, oldest first (api-events.ts). */
  readonly apiEvents = new Map<number, ApiEventRecord[]>();
  nextServiceAccountId = 1;
  private micros = 0;

  constructor(readonly zone: EmulatorZone) {}

  get refZone(): string {
    return REF_ZONE[this.zone];
  }

  /** A timestamp for something made now; the microsecond digits keep same-millisecond stamps apart. */
  stamp(ms: number): string {
    this.micros = (this.micros + 379) % 1000;
    return timestamp(ms, this.micros);
  }

  addMember(orgId: number, membership: Membership): void {
    let map = this.members.get(orgId);
    if (!map) this.members.set(orgId, (map = new Map()));
    if (!map.has(membership.userId)) map.set(membership.userId, membership);
  }

  isMember(orgId: number, userId: number): boolean {
    return this.members.get(orgId)?.has(userId) ?? false;
  }

  /** Orgs of a user, by id (the demo user's 1105 is the smallest, so it comes first). */
  userOrgs(userId: number): Org[] {
    const orgs: Org[] = [];
    for (const [orgId, map] of this.members) {
      const org = this.orgs.get(orgId);
      if (org && map.has(userId)) orgs.push(org);
    }
    return orgs.sort((a, b) => a.id - b.id);
  }

  serviceAccountsIn(orgId: number): ServiceAccount[] {
    return [...this.serviceAccounts.values()]
      .filter((sa) => sa.orgId === orgId)
      .sort((a, b) => a.id - b.id);
  }

  clientsOf(serviceAccountId: number): Client[] {
    return [...this.clients.values()].filter(
      (client) => client.serviceAccountId === serviceAccountId,
    );
  }

  rulesIn(orgId: number): AccessRule[] {
    return this.rules.get(orgId) ?? [];
  }

  addRule(rule: AccessRule): boolean {
    let list = this.rules.get(rule.orgId);
    if (!list) this.rules.set(rule.orgId, (list = []));
    const exists = list.some(
      (r) =>
        r.subjectKind === rule.subjectKind &&
        r.subjectId === rule.subjectId &&
        r.roleId === rule.roleId &&
        r.scopeKind === rule.scopeKind &&
        r.scopeId === rule.scopeId,
    );
    if (!exists) list.push(rule);
    return !exists;
  }

  removeRules(orgId: number, match: (rule: AccessRule) => boolean): number {
    const list = this.rules.get(orgId);
    if (!list) return 0;
    const kept = list.filter((rule) => !match(rule));
    this.rules.set(orgId, kept);
    return list.length - kept.length;
  }

  /** Deleting an account takes its clients and access rules with it (API.md §6.2, §9). */
  deleteServiceAccount(id: number): void {
    const sa = this.serviceAccounts.get(id);
    if (!sa) return;
    this.serviceAccounts.delete(id);
    for (const client of this.clientsOf(id)) this.clients.delete(client.clientId);
    this.removeRules(
      sa.orgId,
      (rule) => rule.subjectKind === 'iam:service-account' && rule.subjectId === id,
    );
  }

  hasCapability(orgId: number, name: string): boolean {
    return (this.capabilities.get(orgId) ?? []).some((capability) => capability.name === name);
  }

  projectsIn(orgId: number): Project[] {
    return [...this.projects.values()]
      .filter((project) => project.orgId === orgId)
      .sort((a, b) => a.id - b.id);
  }

  addRefreshToken(record: RefreshTokenRecord): void {
    this.refreshTokens.set(record.id, record);
    this.refreshTokenByHash.set(record.hash, record);
  }

  /** Active = not revoked and not past expiresAt. */
  activeRefreshTokens(userId: number, nowMs: number): RefreshTokenRecord[] {
    return [...this.refreshTokens.values()].filter(
      (t) => t.userId === userId && !t.revoked && t.expiresAt > nowMs,
    );
  }

  /** Forget access-token records past their expiry (called now and then, so memory stays flat). */
  pruneAccessTokens(nowSeconds: number): void {
    for (const [jti, record] of this.accessTokens)
      if (record.exp <= nowSeconds) this.accessTokens.delete(jti);
  }
}
