/**
 * Response shapes (API.md §6, SPEC 1.1.0), validated with zod. Tolerant on purpose: unknown
 * fields pass through, ids may come as numbers or numeric strings (§8.8), lists may be a bare
 * array or a `{values}` envelope (§8.3), and `kind` strings are not pinned (§8.5).
 */
import * as z from 'zod';
import {ResponseShapeError} from './errors.js';
import type {HttpResponse} from './http.js';

/** An integer id ≥ 1, as a number or a numeric string. */
const Id = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d+$/)
    .transform((value) => Number(value))
    .pipe(z.number().int().positive()),
]);

const optionalString = z.string().optional();
const kind = z.string().optional();

/** A list as a bare array or as `{values: [...]}` (API.md §8.3); always yields the array. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.union([
    z.array(item),
    z.looseObject({values: z.array(item)}).transform((envelope) => envelope.values),
  ]);
}

export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
});

export const UserOrgSchema = z.looseObject({
  id: Id,
  name: z.string(),
  kind,
  ref: optionalString,
});
export type UserOrg = z.infer<typeof UserOrgSchema>;

export const OrgSchema = z.looseObject({
  id: Id,
  name: z.string(),
  kind,
  createdAt: optionalString,
  updatedAt: optionalString,
  partnerId: optionalString,
  snowAtlasTenantId: optionalString,
  subdomains: z.array(z.looseObject({name: z.string(), kind})).optional(),
});
export type Org = z.infer<typeof OrgSchema>;

export const ServiceAccountSchema = z.looseObject({
  id: Id,
  name: z.string(),
  description: optionalString,
  createdBy: Id.optional(),
  createdAt: optionalString,
  updatedAt: optionalString,
  kind,
  ref: optionalString,
});
export type ServiceAccount = z.infer<typeof ServiceAccountSchema>;

const clientFields = {
  clientId: z.string().min(1),
  createdBy: Id.optional(),
  createdAt: optionalString,
  kind,
};

/**
 * A client as listed or shown. Secret fields are dropped here, so a secret that a server sends
 * where it should not can never reach a cache or a screen by this path.
 */
export const ServiceAccountClientSchema = z
  .looseObject(clientFields)
  .transform(({clientSecret: _s, encryptedSecret: _e, iv: _i, authTag: _a, ...rest}) => rest);
export type ServiceAccountClient = z.infer<typeof ServiceAccountClientSchema>;

/** The create answer: the only time the secret is shown (API.md §6.3). */
export const CreatedClientSchema = z.looseObject({
  ...clientFields,
  clientSecret: z.string().min(1),
});

export const RoleSchema = z.looseObject({
  id: Id,
  name: z.string(),
  kind,
  displayName: optionalString,
  category: optionalString,
  capability: optionalString,
  description: optionalString,
  privileges: z.array(z.string()).optional(),
  scopes: z.array(z.looseObject({name: z.string()})).optional(),
  createdAt: optionalString,
});
export type Role = z.infer<typeof RoleSchema>;

export const AccessRuleSchema = z.looseObject({
  kind,
  createdAt: optionalString,
  role: z.looseObject({
    id: Id.optional(),
    name: z.string(),
    kind,
    displayName: optionalString,
    category: optionalString,
  }),
  subject: z.looseObject({
    id: Id.optional(),
    kind: z.string(),
    ref: z.string(),
    email: optionalString,
    firstName: optionalString,
    lastName: optionalString,
    name: optionalString,
  }),
  scope: z
    .looseObject({
      id: Id.optional(),
      kind,
      ref: z.string(),
    })
    .optional(),
});
export type AccessRule = z.infer<typeof AccessRuleSchema>;

export const ProjectSchema = z.looseObject({
  id: Id,
  name: z.string(),
  kind,
  ref: optionalString,
  accountUrl: optionalString,
  createdAt: optionalString,
  updatedAt: optionalString,
});
export type Project = z.infer<typeof ProjectSchema>;

export const OrgUserSchema = z.looseObject({
  id: Id,
  email: z.string(),
  kind,
  ref: optionalString,
  firstName: optionalString,
  lastName: optionalString,
  createdAt: optionalString,
  updatedAt: optionalString,
  lastUILogin: optionalString,
  lastAPILogin: optionalString,
  lastActivity: optionalString,
  hasActiveRefreshToken: z.boolean().optional(),
  status: optionalString,
  accessSource: optionalString,
  accessSourceDisplayName: optionalString,
});
export type OrgUser = z.infer<typeof OrgUserSchema>;

/** One page of `GET /orgs/{orgId}/users` (API.md §4.4). A bare array is read as a last page. */
export const OrgUserPageSchema = z.union([
  z.looseObject({
    kind,
    values: z.array(OrgUserSchema),
    nextPage: z.string().nullish(),
  }),
  z.array(OrgUserSchema).transform((values) => ({values, nextPage: undefined})),
]);

export const RefreshTokenSchema = z.looseObject({
  id: z.string().min(1),
  kind,
  createdAt: optionalString,
  expiresAt: optionalString,
  isDeletable: z.boolean().optional(),
});
export type RefreshToken = z.infer<typeof RefreshTokenSchema>;

/** Parses a JSON answer against `schema`; a mismatch names the endpoint and fields, not values. */
export function parseResponse<S extends z.ZodType>(response: HttpResponse, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = response.text === '' ? undefined : JSON.parse(response.text);
  } catch {
    throw new ResponseShapeError(response.context, response.status, ['body is not JSON']);
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.code}`,
  );
  throw new ResponseShapeError(response.context, response.status, issues);
}

// ---------------------------------------------------------------------------------------------
// API events, client secrets, capabilities (API.md §12)

const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/**
 * One API event (§12.1), read leniently: the real service sends events without a principal,
 * without `request.httpPath` or without `response.httpCode`, though the schema requires them.
 * Only the timestamp is needed; an event without one is skipped by the reader.
 */
export const ApiEventSchema = z.looseObject({
  kind,
  eventType: optionalString,
  timestamp: z.string().min(1),
  principal: z
    .looseObject({
      id: Id.optional(),
      kind: optionalString,
      ref: optionalString,
      name: optionalString,
      email: optionalString,
    })
    .nullish(),
  request: z
    .looseObject({
      id: optionalString,
      httpHost: optionalString,
      httpMethod: optionalString,
      httpPath: z.string().nullish(),
      ip: optionalString,
      bodyBytes: count.optional(),
      userAgent: z
        .looseObject({raw: optionalString, browser: optionalString, os: optionalString})
        .nullish(),
    })
    .nullish(),
  response: z
    .looseObject({
      httpCode: count.nullish(),
      httpStatus: optionalString,
      durationMs: count.optional(),
      bodyBytes: count.optional(),
    })
    .nullish(),
});
export type ApiEvent = z.infer<typeof ApiEventSchema>;

/** One page of API events; items are checked one by one (ApiEventSchema) by the reader. */
export const ApiEventPageSchema = z.looseObject({
  kind,
  values: z.array(z.unknown()),
  nextPage: z.string().nullish(),
});

/** A client secret as listed (§12.3): masked, with a status; no id, no expiry. */
export const ClientSecretSchema = z.looseObject({
  kind,
  createdAt: optionalString,
  maskedClientSecret: z.string(),
  status: optionalString,
});
export type ClientSecretInfo = z.infer<typeof ClientSecretSchema>;

/** The answer to adding a secret (§12.3): the client, with the new secret shown this once. */

/** An org capability (§12.5); the list is a bare array. */
export const CapabilitySchema = z.looseObject({
  capabilityName: z.string().min(1),
  kind,
  orgId: Id.optional(),
  createdAt: optionalString,
  updatedAt: optionalString,
  description: optionalString,
  expiresAt: optionalString,
  onboardingStatus: optionalString,
});
export type Capability = z.infer<typeof CapabilitySchema>;
