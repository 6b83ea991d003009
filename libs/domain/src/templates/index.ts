export * from './report-template';
export * from './template-validation';
export * from './figure-check';
export * from './dan-van-annual.template';
