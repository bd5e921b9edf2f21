export {KeyProvider, Priority, useHoldKeys, useKeys, useLiveHints} from './key-provider.js';
export {CTRL_C_AGAIN_MESSAGE, useCtrlC} from './use-ctrl-c.js';
