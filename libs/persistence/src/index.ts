export * from './data-source';
export * from './event-store/event-store';
