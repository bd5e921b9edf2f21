import type {Ctx} from '../context.js';
import {json, noContent, principalOf} from '../context.js';
import {badRequest, forbidden, notFound} from '../goa.js';
import {allows, privilegesIn} from '../privileges.js';
import type {Route} from '../router.js';
import type {RefreshTokenRecord} from '../state.js';
import {refreshTokenView} from '../views.js';

/**
 * Refresh-token metadata (API.md §6.10): the caller's own tokens. Org owners may name another user
 * with `?orgId=&userId=`, but not one who is affiliated with other orgs (403 [I]).
 * Service-account tokens get 403 (userOnly) [I].
 */

function targetUser(ctx: Ctx): number {
  const principal = principalOf(ctx);
  const self = principal.kind === 'user' ? principal.userId : 0;
  const params = ctx.url.searchParams;
  const userParam = params.get('userId');
  const orgParam = params.get('orgId');
  if (userParam === null && orgParam === null) return self;
  const userId = Number(userParam);
  const orgId = Number(orgParam);
  if (!Number.isInteger(userId) || userId < 1 || !Number.isInteger(orgId) || orgId < 1) {
    throw badRequest('orgId and userId must be given together, as integers');
  }
  if (userId === self) return self;
  if (!allows('common:org:own', privilegesIn(ctx.state, principal, orgId))) {
    throw forbidden(`only an org_owner of org ${orgId} may manage other users' refresh tokens`);
  }
  if (!ctx.state.isMember(orgId, userId)) throw notFound('user not found in this org');
  if (ctx.state.userOrgs(userId).some((org) => org.id !== orgId)) {
    throw forbidden(
      `user ${userId} belongs to other orgs too; only they can manage their refresh tokens`,
    );
  }
  return userId;
}

function tokensOf(ctx: Ctx, userId: number): RefreshTokenRecord[] {
  return ctx.state.activeRefreshTokens(userId, ctx.now).sort((a, b) => a.createdAt - b.createdAt);
}

function findToken(ctx: Ctx): RefreshTokenRecord {
  const userId = targetUser(ctx);
  const record = tokensOf(ctx, userId).find((t) => t.id === ctx.params.id);
  if (!record) throw notFound('refresh token not found');
  return record;
}

export const refreshTokenRoutes: Route[] = [
  {
    method: 'GET',
    path: '/iam/v1/refresh-tokens',
    userOnly: true,
    handler: (ctx) => json(tokensOf(ctx, targetUser(ctx)).map(refreshTokenView)),
  },
  {
    method: 'DELETE',
    path: '/iam/v1/refresh-tokens',
    userOnly: true,
    handler: (ctx) => {
      for (const record of tokensOf(ctx, targetUser(ctx))) record.revoked = true;
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/iam/v1/refresh-tokens/{id:str}',
    userOnly: true,
    handler: (ctx) => json(refreshTokenView(findToken(ctx))),
  },
  {
    method: 'DELETE',
    path: '/iam/v1/refresh-tokens/{id:str}',
    userOnly: true,
    handler: (ctx) => {
      findToken(ctx).revoked = true;
      return noContent();
    },
  },
];
