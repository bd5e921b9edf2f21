import {badRequest} from './goa.js';

/** Length in characters (code points), as a person counts them. */
function charLength(value: string): number {
  return [...value].length;
}

/**
 * A service-account name: 1..512 characters and not only spaces (API.md §6.2). [I] It is kept as
 * sent (not trimmed), so a client can find its account by the exact name it sent.
 */
export function checkName(value: unknown): string {
  if (typeof value !== 'string') throw badRequest('name must be a string');
  if (value.trim() === '') throw badRequest('name must not be empty');
  if (charLength(value) > 512) throw badRequest('name must be at most 512 characters long');
  return value;
}

export function checkDescription(value: unknown): string {
  if (typeof value !== 'string') throw badRequest('description must be a string');
  if (charLength(value) > 4096)
    throw badRequest('description must be at most 4096 characters long');
  return value;
}
