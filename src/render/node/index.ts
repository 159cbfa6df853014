export * from './context';
export * from './files';
export * from './safe-values';
export { shellQuote } from './shell';
