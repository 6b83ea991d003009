export * from './submission.model';
export * from './submission.commands';
export * from './submission.events';
export * from './submission.decider';
export * from './submission.diff';
