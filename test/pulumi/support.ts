// The Pulumi SDK's mock runtime, with a record of every registration: the
// mocks of `setMocks` see a resource's type, name and inputs, but not its
// parent, dependencies or provider, which these tests are about.
import * as pulumi from '@pulumi/pulumi';
import { MockMonitor } from '@pulumi/pulumi/runtime/mocks';

/** One registered resource, as the engine would receive it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly inputs: any;
  /** URN of the parent; '' for resources at the stack's top. */
  readonly parent: string;
  /** URNs the resource was declared to depend on (`dependsOn`), in any order. */
  readonly dependencies: string[];
  /** The provider reference, `<provider urn>::<id>`; '' for the default provider. */
  readonly provider: string;
}

/**
 * The registrations of a test, in registration order. Resources are named by
 * their label, `<Kind> <name>` (`VhostUserVm lab-vm`, `Pod lab-dpdk-...`): a
 * component and its main resource share a name.
 */
export class Registry {
  /** The outputs each component registered (`registerOutputs`), by URN. */
  public readonly outputs = new Map<string, Record<string, any>>();

  /** @param all registrations recorded elsewhere, such as by {@link runProgram} */
  public constructor(public readonly all: Registration[] = []) {}

  /** The labels of every registration, in order. */
  public get labels(): string[] {
    return this.all.map((r) => labelOf(r.urn));
  }

  /** The one resource with that label. */
  public get(label: string): Registration {
    const found = this.all.filter((r) => labelOf(r.urn) === label);
    if (found.length !== 1) {
      throw new Error(`expected one ${label}, found ${found.length} among: `
        + this.labels.join(', '));
    }
    return found[0];
  }

  /** The resources of a kind, in registration order. */
  public ofKind(kind: string): Registration[] {
    return this.all.filter((r) => labelOf(r.urn).startsWith(`${kind} `));
  }

  /** The labels of the resources a resource depends on, sorted. */
  public dependenciesOf(label: string): string[] {
    return this.get(label).dependencies.map(labelOf).sort();
  }

  /** The outputs a component registered; undefined if it never did. */
  public outputsOf(label: string): Record<string, any> | undefined {
    return this.outputs.get(this.get(label).urn);
  }

  /** The label of a resource's parent. */
  public parentOf(label: string): string {
    return labelOf(this.get(label).parent);
  }
}

/** `<Kind> <name>` of a URN: the last type of its type chain, and its name. */
export function labelOf(urn: string): string {
  const parts = urn.split('::');
  const type = parts[parts.length - 2].split('$').pop()!;
  return `${type.slice(type.lastIndexOf(':') + 1)} ${parts[parts.length - 1]}`;
}

class RecordingMonitor extends MockMonitor {
  public constructor(mocks: pulumi.runtime.Mocks, private readonly registry: Registry) {
    super(mocks);
  }

  public override async registerResource(req: any, callback: (err: any, res: any) => void) {
    await super.registerResource(req, (err: any, res: any) => {
      if (!err) {
        this.registry.all.push({
          type: req.getType(),
          name: req.getName(),
          urn: res.getUrn(),
          inputs: pulumi.runtime.deserializeProperties(req.getObject()),
          parent: req.getParent(),
          dependencies: req.getDependenciesList(),
          provider: req.getProvider(),
        });
      }
      callback(err, res);
    });
  }

  public override registerResourceOutputs(req: any, callback: (err: any, res: any) => void) {
    this.registry.outputs.set(req.getUrn(),
      pulumi.runtime.deserializeProperties(req.getOutputs()));
    super.registerResourceOutputs(req, callback);
  }
}

/** Options of {@link mockRuntime}. */
export interface MockOptions {
  /** The project name, which `pulumi.Config` reads its keys under; 'project' if absent. */
  readonly project?: string;
  /** Whether the program runs as `pulumi preview`. */
  readonly preview?: boolean;
  /**
   * The state a resource reports back; in a preview, outputs it leaves out
   * are unknown.
   */
  readonly state?: (args: pulumi.runtime.MockResourceArgs) => Record<string, any>;
}

/**
 * Sets the mock runtime up, recording registrations into a fresh registry.
 * Resources echo their inputs as their state unless `state` says otherwise;
 * their id is `<name>-id`.
 */
export async function mockRuntime(options: MockOptions = {}): Promise<Registry> {
  const registry = new Registry();
  const preview = options.preview ?? false;
  const project = options.project ?? 'project';
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => ({ id: `${args.name}-id`, state: (options.state ?? echo)(args) }),
    call: (args) => args.inputs,
  };
  await pulumi.runtime.setMocks(mocks, project, 'stack', preview);
  pulumi.runtime.setMockOptions(new RecordingMonitor(mocks, registry), project, 'stack',
    preview);
  return registry;
}

function echo(args: pulumi.runtime.MockResourceArgs): Record<string, any> {
  return args.inputs;
}

/** Waits until every registration the program started has reached the mocks. */
export async function settled(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  await require('@pulumi/pulumi/runtime/settings').waitForRPCs();
}

/** The value of an Output (which must become known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
