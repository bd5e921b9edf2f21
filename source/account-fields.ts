/**
 * The rules for a service account's name and description, checked before anything is sent
 * (API.md §6.2 limits, no control characters, no blank name): shared by the form on the screens
 * and the accounts commands.
 */
import type {ServiceAccountInput} from './api/iam.js';
import {SERVICE_ACCOUNT_DESCRIPTION_MAX, SERVICE_ACCOUNT_NAME_MAX} from './limits.js';
import {charCount, formatCount, sanitizeTyped} from './ui/text.js';

export interface AccountFields {
  name: string;
  description: string;
}

export type AccountFieldErrors = Partial<Record<keyof AccountFields, string>>;

const CONTROL_MESSAGE = 'holds control characters (shown as ␛, ␇ …): delete them first.';

/**
 * What is wrong with the fields, before any request. With `initial` (edit), a field left exactly as
 * the server sent it is not judged: it is not sent either.
 */
export function validateAccountFields(
  values: AccountFields,
  initial?: AccountFields,
): AccountFieldErrors {
  const errors: AccountFieldErrors = {};
  if (initial === undefined || values.name !== initial.name) {
    const name = values.name.trim();
    const length = charCount(name);
    if (values.name === '') errors.name = 'A name is required.';
    else if (name === '') errors.name = 'A name cannot be only spaces.';
    else if (sanitizeTyped(values.name) !== values.name)
      errors.name = `The name ${CONTROL_MESSAGE}`;
    else if (length > SERVICE_ACCOUNT_NAME_MAX) {
      errors.name = `Too long: ${formatCount(length)} characters, at most ${formatCount(SERVICE_ACCOUNT_NAME_MAX)}.`;
    }
  }
  if (initial === undefined || values.description !== initial.description) {
    const length = charCount(values.description.trim());
    if (sanitizeTyped(values.description) !== values.description) {
      errors.description = `The description ${CONTROL_MESSAGE}`;
    } else if (length > SERVICE_ACCOUNT_DESCRIPTION_MAX) {
      errors.description = `Too long: ${formatCount(length)} characters, at most ${formatCount(SERVICE_ACCOUNT_DESCRIPTION_MAX)}.`;
    }
  }
  return errors;
}

/** The create body: the name trimmed; the description trimmed, left out when empty. */
export function accountInput(values: AccountFields): ServiceAccountInput {
  const description = values.description.trim();
  return {name: values.name.trim(), ...(description === '' ? {} : {description})};
}

/** The PATCH body: only the fields that changed (trimmed); {} when nothing did. */
export function accountChanges(
  initial: {name: string; description?: string},
  values: AccountFields,
): Partial<ServiceAccountInput> {
  const patch: Partial<ServiceAccountInput> = {};
  const name = values.name.trim();
  if (values.name !== initial.name && name !== initial.name) patch.name = name;
  const before = initial.description ?? '';
  const description = values.description.trim();
  // An emptied description is sent as "" (that clears it).
  if (values.description !== before && description !== before) patch.description = description;
  return patch;
}

/** The fields whose text differs from `pristine` (what Esc would drop). */
export function typedFields(
  values: AccountFields,
  pristine: AccountFields,
): Array<keyof AccountFields> {
  return (['name', 'description'] as const).filter((field) => values[field] !== pristine[field]);
}

/**
 * An account of `accounts` already named `name` (as sent: trimmed), else undefined. The API allows
 * two accounts with one name; the app and the commands ask or refuse instead (one rule for both).
 */
export function sameNameAccount<A extends {name: string}>(
  accounts: readonly A[],
  name: string,
): A | undefined {
  const wanted = name.trim();
  return accounts.find((account) => account.name === wanted);
}
