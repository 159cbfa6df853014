// The framework-free core: model, plan, diagnostics and render.
// Adapters live in `vhost-user-k8s/cdk8s` and `vhost-user-k8s/pulumi`.
export * from './model';
