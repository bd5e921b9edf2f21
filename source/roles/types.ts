/**
 * What the role logic needs of a role: the fields of the Roles API object (API.md §6.4) that
 * may be missing on older answers are optional. `Role` from source/api/schemas.ts fits.
 */
export interface RoleInfo {
  readonly name: string;
  readonly displayName?: string;
  readonly category?: string;
  readonly capability?: string;
  readonly description?: string;
  readonly privileges?: readonly string[];
}
