export * from './cycle.model';
export * from './cycle.commands';
export * from './cycle.events';
export * from './cycle.decider';
