export {WindowedList} from './windowed-list.js';
export type {Column, RowContext} from './windowed-list.js';
export {Highlight} from './highlight.js';
