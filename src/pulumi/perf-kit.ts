import * as pulumi from '@pulumi/pulumi';
import { PerfTestKitArgs } from './args';
import { knownManifests, memberContext } from './context';
import { renderedResource } from './objects';
import { perfKitSelector } from '../perfkit/kit-network';
import { DEFAULT_NAMESPACE } from '../plan/defaults';
import { PERF_KIT_DIR } from '../render/perf-kit';

/**
 * A performance test kit: a pair of VMs per interface type (vhost-user, and
 * Virtink's `bridge` and `masquerade` bindings of the pod network), on one
 * node and across two, whose cloud-init installs qperf and iperf3 and runs
 * the measuring script; each client prints its raw results on its serial
 * console, for `vhost-user-k8s report` to read. The pairs take turns.
 *
 * Created by `VhostUserCluster` from its `perfKit`, as `<cluster>-perf-kit`,
 * after the node pools, the networks, their subnets and the path's objects.
 * Its VMs are `CustomResource`s and its headless Services `core.v1.Service`s,
 * each named `<cluster>-perf-kit-<object name>`; they are planned with the
 * cluster's own VMs, after them.
 *
 * @see https://github.com/smartxworks/virtink/blob/main/docs/vhost-user-net-test.md
 */
export class PerfTestKit extends pulumi.ComponentResource {
  /** The kit name, the first word of its VM and Service names. */
  public readonly kitName: string;

  /** The namespace of its VMs and Services. */
  public readonly namespace: string;

  /** The VirtualMachines, server then client of each pair, in pair order. */
  public readonly vms: pulumi.CustomResource[];

  /** The headless Services through which pod-network clients find their servers. */
  public readonly services: pulumi.CustomResource[];

  /**
   * `perf/collect.sh`: saves each client's console log as `<pair>.log` and
   * prints the report command.
   */
  public readonly collectScript: pulumi.Output<string>;

  /**
   * @param name the Pulumi name
   * @param args the kit, exactly as in the cluster's `perfKit`
   * @param opts options; the parent is the cluster, `dependsOn` what the VMs
   *   need first
   * @throws Error when not created by a `VhostUserCluster`
   */
  public constructor(name: string, args: PerfTestKitArgs, opts?: pulumi.ComponentResourceOptions) {
    const context = memberContext('PerfTestKit', name, args, opts);
    super('vhost-user-k8s:index:PerfTestKit', name, {}, opts);

    this.kitName = args.name ?? 'perf';
    this.namespace = args.namespace ?? DEFAULT_NAMESPACE;
    const selector = Object.entries(perfKitSelector(this.kitName));
    const mine = knownManifests(context, (m) => m.metadata.namespace === this.namespace
      && selector.every(([key, value]) => m.metadata.labels?.[key] === value));
    const resource = (kind: string) => mine.filter((m) => m.kind === kind)
      .map((manifest) => renderedResource(`${name}-${manifest.metadata.name}`, manifest,
        context.cluster.rendering, { parent: this, dependsOn: opts?.dependsOn }));

    this.services = resource('Service');
    this.vms = resource('VirtualMachine');
    this.collectScript = context.cluster.rendering.apply((final) =>
      final.files.find((file) => file.path === `${PERF_KIT_DIR}/collect.sh`)?.content ?? '');
    this.registerOutputs({ collectScript: this.collectScript });
  }
}
