/**
 * The preferences file, version by version. One zod schema is the source: conf gets its JSON
 * Schema (z.toJSONSchema) and checks every read and write; zod's own issues make the messages.
 * Every object is strict (additionalProperties: false): there is no field a token could go in.
 */
import * as z from 'zod';
import {ZONE_IDS} from '../api/zones.js';

export const CURRENT_SCHEMA_VERSION = 1;

/** How many recent orgs are kept per zone, most recent first. */
export const RECENT_ORGS_LIMIT = 10;

const MAX_NAME = 200;

export const OrgRefSchema = z.strictObject({
  id: z.number().int().positive(),
  name: z.string().max(MAX_NAME),
});
export type OrgRef = z.infer<typeof OrgRefSchema>;

/** Origins only (scheme://host[:port]): no path, query or credentials can be kept. */
const origin = z
  .string()
  .max(300)
  .regex(/^https?:\/\/[^/?#@\s]+$/, 'must be an origin such as https://api.flexera.com');

export const EndpointsSchema = z.strictObject({
  apiUrl: origin.optional(),
  loginUrl: origin.optional(),
});
export type CustomEndpoints = z.infer<typeof EndpointsSchema>;

const ZoneOrgsSchema = z.strictObject({
  last: OrgRefSchema.optional(),
  recent: z.array(OrgRefSchema).max(RECENT_ORGS_LIMIT),
});

const UiSchema = z.strictObject({
  /** Show client secrets unmasked by default (off: masked until revealed). */
  revealSecrets: z.boolean(),
});
export type UiPreferences = z.infer<typeof UiSchema>;

const ZoneSchema = z.enum(ZONE_IDS);

export const ConfigSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  /** The last zone used. */
  zone: ZoneSchema.optional(),
  endpoints: EndpointsSchema.optional(),
  orgs: z
    .strictObject({
      nam: ZoneOrgsSchema.optional(),
      eu: ZoneOrgsSchema.optional(),
      apac: ZoneOrgsSchema.optional(),
    })
    .optional(),
  ui: UiSchema.optional(),
});
export type ConfigData = z.infer<typeof ConfigSchema>;

const jsonSchema = z.toJSONSchema(ConfigSchema, {reused: 'inline'}) as {
  properties: Record<string, unknown>;
};

/** For conf: the properties map, and the root that forbids other keys. */
export const CONF_SCHEMA = jsonSchema.properties;
export const CONF_ROOT_SCHEMA = {additionalProperties: false} as const;

export const DEFAULT_UI: UiPreferences = {revealSecrets: false};

/**
 * Steps from one schemaVersion to the next; key = the version a step starts from. Version 0 is a
 * file without `schemaVersion` (made by hand, or before versions existed): same keys, so the step
 * only stamps the version. Later layout changes add a step here, never edit an old one.
 */
export const MIGRATIONS: Readonly<
  Record<number, (data: Record<string, unknown>) => Record<string, unknown>>
> = {
  0: (data) => ({...data, schemaVersion: 1}),
};
