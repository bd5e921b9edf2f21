export {ClientsScreen} from './clients.js';
