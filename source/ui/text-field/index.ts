export {TextField} from './text-field.js';
export type {TextFieldProps} from './text-field.js';
export {useTextFieldState} from './use-text-field-state.js';
export type {TextFieldState} from './use-text-field-state.js';
export {useTextFieldInput} from './use-text-field-input.js';
export {edits} from './edit.js';
export type {Edit} from './edit.js';
