export * from './vietnamese-format';
