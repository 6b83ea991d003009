export * from './report.model';
export * from './report.decider';
export * from './passages';
export * from './number-register';
export * from './draft-builder';
export * from './period-words';
export * from './coverage-list-findings';
