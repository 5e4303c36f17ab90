/**
 * `library/bids/` (layer L3): the BIDS layout of `radkit import --layout bids` — converted
 * outputs placed under `sub-<S>/ses-<E>/<datatype>/` with BIDS names, and the dataset files.
 */
export { bidsVersion } from './dataset-files.js';
export { type NiftiSummary, niftiSummary } from './nifti-summary.js';
export { type PlanEntry, type PlannedEntry, planSession, type SessionPlan } from './session-plan.js';
export {
  BidsLayoutError,
  type BidsPlacement,
  type BidsSessionOutput,
  type BidsSessionResult,
  type WriteBidsSessionOptions,
  writeBidsSession,
} from './write-bids-session.js';
