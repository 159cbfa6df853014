// cdk8s constructs and the cluster stack: `vhost-user-k8s/cdk8s`.
export * from './app';
export * from './cluster';
export * from './kube-ovn';
export * from './network';
export * from './node';
export * from './perf-kit';
export * from './subnet';
export * from './userspace-cni';
export * from './vm';
