// Plain manifests and text rendered from a cluster plan; no framework here.
export * from './types';
export * from './manifests';
export * from './plan-md';
export * from './perf-kit';
