export * from './account.decider';
