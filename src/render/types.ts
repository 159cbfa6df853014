/**
 * A Kubernetes object as plain data: what the cdk8s adapter turns into an
 * `ApiObject`, the Pulumi adapter into a resource, and the CLI into YAML.
 */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ManifestMetadata;
  readonly [field: string]: unknown;
}

/** The metadata every rendered object carries. */
export interface ManifestMetadata {
  readonly name: string;
  /** @default - cluster-scoped, or the default namespace of the consumer */
  readonly namespace?: string;
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
}

/** A file of the output folder other than the manifests. */
export interface OutputFile {
  /** Path relative to the output folder, with `/`: `nodes/<node>/bootstrap.sh`. */
  readonly path: string;
  /** Full text of the file. */
  readonly content: string;
  /**
   * Whether the file is a program to run.
   *
   * @default false
   */
  readonly executable?: boolean;
}
