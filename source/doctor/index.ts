/** `flexera-sa doctor`: a read-only check of the real service against what the app expects. */
export {runDoctor, type DoctorReport} from './run.js';
