// Entry point bundled for the worker: every workflow function of the project.
export { reportingCycle } from './reporting-cycle/reporting-cycle.workflow';
