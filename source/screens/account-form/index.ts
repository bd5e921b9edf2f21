/** The name + description form, shared by the account list, the account detail and the guide. */
export {
  ACCOUNT_FORM_KEYS,
  AccountForm,
  accountChanges,
  accountInput,
  type AccountFields,
} from './account-form.js';
export {CHECKING_NAME, SameNameDialog, useSameNameGuard} from './same-name.js';
