export {KeyProvider, Priority, useHoldKeys, useKeys} from './key-provider.js';
export {CTRL_C_AGAIN_MESSAGE, useCtrlC} from './use-ctrl-c.js';
