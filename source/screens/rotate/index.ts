export {RotateScreen} from './rotate.js';
