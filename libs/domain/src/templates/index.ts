export * from './report-template';
export * from './template-validation';
export * from './template-loader';
export * from './figure-check';
export * from './builtin-templates';
export * from './dan-van-annual.template';
export * from './template.decider';
export * from './unit-kind-scope';
