export * from './decider';
export * from './domain-error';
export * from './iso-date';
export * from './text';
export * from './uuid';
