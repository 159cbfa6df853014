// cdk8s constructs: filled in by the constructs work.
export {};
