export { catchUp, loadStep } from './catchUp.js';
export { STEP_NAMES, LOAD_TARGETS, type StepName, type LoadTarget, type StepCounts, type StepProgress, type SyncOptions } from './types.js';
export { readSyncState, type SyncStateRow } from './syncState.js';
