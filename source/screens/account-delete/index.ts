/** The delete-an-account dialog, shared by the account list and the account detail. */
export {DeleteAccountDialog} from './account-delete.js';
