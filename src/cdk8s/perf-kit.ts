import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { IClusterRegistry, joinCluster, manifestKey } from './members';
import { checkProps, valueProp } from './props';
import { RenderedObject } from './rendered-object';
import { Size } from '../model/size';
import { PerfKitPlan } from '../perfkit/pairs';
import { DEFAULT_NAMESPACE } from '../plan/defaults';
import { ManifestObject } from '../render/types';
import { PerfKitSpec } from '../spec';

/** Props of {@link PerfTestKit}: exactly a `PerfKitSpec`, a spec file's `perfKit:`. */
export interface PerfTestKitProps extends PerfKitSpec {}

/**
 * A performance test kit: a pair of VMs per interface type (vhost-user, and
 * Virtink's `bridge` and `masquerade` bindings of the pod network), on one
 * node and across two, whose cloud-init installs qperf and iperf3 and runs
 * the measuring script; each client prints its raw results on its serial
 * console, for `vhost-user-k8s report` to read. The pairs take turns, so
 * that none shares links or PMD cores with another while it measures.
 *
 * Its VMs are VMs of the cluster, planned and placed after the others; the
 * cluster's node files and `PLAN.md` count them, and `perf/collect.sh` in the
 * output folder saves the clients' logs.
 *
 * How many objects the kit has depends on the cluster (its nodes default to
 * the first two hosts), so they are created when the stack is synthesized,
 * or when {@link PerfTestKit.vms} or {@link PerfTestKit.services} is read,
 * under this construct with the id `<Kind>.<namespace>.<name>`.
 *
 * @see https://github.com/smartxworks/virtink/blob/main/docs/vhost-user-net-test.md
 * @see https://github.com/smartxworks/virtink/blob/main/docs/interfaces_and_networks.md
 */
export class PerfTestKit extends Construct {
  /** The kit name, the first word of its VM and Service names. */
  public readonly kitName: string;

  /** The namespace of its VMs and Services. */
  public readonly namespace: string;

  private readonly cluster: IClusterRegistry;

  /**
   * @param scope a `VhostUserCluster`, or a construct inside one
   * @param id the construct id
   * @param props the kit
   * @throws Error when a prop has the wrong shape or an unreadable value
   */
  public constructor(scope: Construct, id: string, props: PerfTestKitProps = {}) {
    super(scope, id);
    checkProps(this, 'perfKit', props, () => [
      ...valueProp('memory', props.memory, Size.parse),
      ...(props.run?.tcpMessageSizes ?? []).flatMap((size, i) =>
        valueProp(`run.tcpMessageSizes[${i}]`, size, Size.parse)),
      ...(props.run?.udpMessageSizes ?? []).flatMap((size, i) =>
        valueProp(`run.udpMessageSizes[${i}]`, size, Size.parse)),
    ]);

    this.kitName = props.name ?? 'perf';
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
    this.cluster = joinCluster(this, 'perfKit', props, () => this.reconcile());
  }

  /**
   * The kit as planned: its pairs, their scripts, turns and the commands that
   * save the clients' logs.
   *
   * @throws DiagnosticError when the cluster has errors
   */
  public get plan(): PerfKitPlan {
    return this.cluster._plan().perfKit as PerfKitPlan;
  }

  /**
   * The VirtualMachines, server then client of each pair, in pair order.
   *
   * @throws DiagnosticError when the cluster has errors
   */
  public get vms(): ApiObject[] {
    return this.reconcile().filter((o) => o.kind === 'VirtualMachine');
  }

  /**
   * The headless Services through which the pod-network clients find their
   * servers.
   *
   * @throws DiagnosticError when the cluster has errors
   */
  public get services(): ApiObject[] {
    return this.reconcile().filter((o) => o.kind === 'Service');
  }

  /** Brings the children in line with the kit as the cluster plans it now. */
  private reconcile(): ApiObject[] {
    const kit = this.plan;
    const vms = kit.pairs.flatMap((pair) => [pair.server.spec, pair.client.spec]);
    const manifests: ManifestObject[] = [
      ...kit.manifests,
      ...vms.map((vm) => this.cluster._manifest(
        `VirtualMachine/${vm.namespace ?? DEFAULT_NAMESPACE}/${vm.name}`)),
    ];
    const wanted = new Map(manifests.map((m) => [childId(m), m]));
    for (const child of [...this.node.children]) {
      if (!wanted.has(child.node.id)) {
        this.node.tryRemoveChild(child.node.id);
      }
    }
    return manifests.map((manifest) => {
      const existing = this.node.tryFindChild(childId(manifest)) as ApiObject | undefined;
      return existing ?? new RenderedObject(this, childId(manifest), {
        gvk: { apiVersion: manifest.apiVersion, kind: manifest.kind },
        name: manifest.metadata.name,
        namespace: manifest.metadata.namespace,
        source: (key) => this.cluster._manifest(key),
      });
    });
  }
}

/** The construct id of one of the kit's objects. */
function childId(manifest: ManifestObject): string {
  return manifestKey(manifest).split('/').join('.');
}
