// The performance test kit, framework-free: the plan of VM pairs, their
// cloud-init and measuring script, and the report read from their console logs.
export * from './charts';
export * from './cloud-init';
export * from './collect';
export * from './console-log';
export * from './kit-network';
export * from './markers';
export * from './names';
export * from './pairs';
export * from './parse';
export * from './parse-iperf3';
export * from './parse-qperf';
export * from './report';
export * from './run-plan';
export * from './script';
export * from './units';
