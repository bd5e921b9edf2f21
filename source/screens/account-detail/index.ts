export {AccountDetailScreen} from './account-detail.js';
