export * from './audit-describe';
