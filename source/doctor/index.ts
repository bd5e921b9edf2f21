/** `flexera-sa doctor`: a read-only check of the real service against what the app expects. */
export {runDoctor, type DoctorIo, type DoctorOptions, type DoctorReport} from './run.js';
export {diffShapes, shapeOf, type Deviation, type Shape} from './shape.js';
