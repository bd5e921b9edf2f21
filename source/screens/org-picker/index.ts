export {OrgPickerScreen} from './org-picker.js';
