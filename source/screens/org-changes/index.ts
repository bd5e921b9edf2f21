export {OrgChangesScreen} from './org-changes-screen.js';
export {OPEN_ORG_CHANGES} from './keys.js';
