export * from './org-unit';
export * from './org-unit.commands';
export * from './org-unit.events';
export * from './org-unit.decider';
export * from './org-unit.queries';
export * from './unit-kinds';
