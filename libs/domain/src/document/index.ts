export * from './document.model';
export * from './document-number';
export * from './official-document';
export * from './figure-sources';
