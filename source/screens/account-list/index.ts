export {AccountListScreen} from './account-list.js';
