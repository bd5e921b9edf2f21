export {ActivityScreen} from './activity-screen.js';
export {OPEN_ACTIVITY} from './keys.js';
