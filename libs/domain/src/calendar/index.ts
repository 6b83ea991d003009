export * from './calendar-date';
export * from './holiday-calendar';
export * from './reporting-period';
export * from './reminder-schedule';
