export * from './board.model';
export * from './board-statistics';
export * from './board-filters';
export * from './name-order';
export * from './pending-line';
