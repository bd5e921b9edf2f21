export {RolePickerScreen} from './role-picker.js';
