export {KeyProvider, Priority, useKeys} from './key-provider.js';
export type {KeyHandler, UseKeysOptions} from './key-provider.js';
export {CTRL_C_AGAIN_MESSAGE, useCtrlC} from './use-ctrl-c.js';
export type {CtrlCState, UseCtrlCOptions} from './use-ctrl-c.js';
