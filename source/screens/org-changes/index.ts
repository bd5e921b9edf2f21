export {OrgChangesScreen} from './org-changes-screen.js';
