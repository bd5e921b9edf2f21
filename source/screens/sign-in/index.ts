export {SignInScreen} from './sign-in.js';
