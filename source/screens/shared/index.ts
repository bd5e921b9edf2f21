/** Pieces every screen may use: a query's loading/error states, the r key, the curl overlay. */
export {CurlOverlay} from './curl-overlay.js';
export {ApiErrorBox, QueryState, useRefreshKey} from './query-state.js';
export {HeldSpinner} from './held-spinner.js';
