export * from './errors';
export * from './cpuset';
