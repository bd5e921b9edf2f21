export {ActivityScreen} from './activity-screen.js';
