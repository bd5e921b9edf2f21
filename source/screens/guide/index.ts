export {GuideScreen} from './guide.js';
