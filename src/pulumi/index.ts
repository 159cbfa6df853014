// Pulumi components: filled in by the Pulumi work.
export {};
