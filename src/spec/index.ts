export * from './cluster';
export * from './host';
export * from './network';
export * from './node';
export * from './perf-kit';
export * from './vm';
export * from './load';
export * from './sections';
