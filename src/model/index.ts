export * from './errors';
export * from './cpuset';
export * from './size';
export * from './pci';
export * from './mac';
export * from './ip';
