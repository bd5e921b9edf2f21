export {WindowedList} from './windowed-list.js';
export type {Column, RowContext, WindowedListProps} from './windowed-list.js';
export {Highlight, highlightSegments} from './highlight.js';
export type {HighlightProps, Segment} from './highlight.js';
export {useWindowedListState, listChrome} from './use-windowed-list-state.js';
export type {
  ListChrome,
  WindowedListState,
  WindowedListStateOptions,
} from './use-windowed-list-state.js';
export {useWindowedListInput} from './use-windowed-list-input.js';
export {buildModel, fitOffset, matchIndices, queryWords, viewport, applyMove} from './model.js';
export type {ListModel, Move, Row, Viewport} from './model.js';
