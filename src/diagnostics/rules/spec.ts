import { ClusterSpec, NetworkPath } from '../../spec';
import { Findings } from '../findings';
import {
  isDnsLabel, isDnsSubdomain, LABEL_UPSTREAM, LABEL_VALUE_UPSTREAM, labelProblem,
  MAX_LABEL_VALUE, SUBDOMAIN_UPSTREAM, subdomainProblem,
} from './names';

const DEFAULT_NAMESPACE = 'default';

/**
 * The networking path of the cluster: exactly one of `kubeOvn` and
 * `userspaceCni` must be given (SPEC002).
 *
 * @returns the path, or undefined when none or both are given
 */
export function checkNetworkPath(spec: ClusterSpec, findings: Findings): NetworkPath | undefined {
  const kubeOvn = spec.kubeOvn !== undefined;
  const userspace = spec.userspaceCni !== undefined;
  if (kubeOvn && !userspace) {
    return 'kube-ovn';
  }
  if (userspace && !kubeOvn) {
    return 'userspace';
  }
  findings.error('SPEC002', {
    path: kubeOvn ? 'userspaceCni' : '',
    message: kubeOvn
      ? 'both kubeOvn and userspaceCni are given; a cluster uses one vhost-user path'
      : 'neither kubeOvn nor userspaceCni is given; the cluster has no vhost-user path',
    hint: kubeOvn
      ? 'keep kubeOvn (Kube-OVN wires the NICs and serves DHCP) or userspaceCni (a flat '
        + 'OVS-DPDK bridge beside your own pod network), not both'
      : 'add `kubeOvn: {}` to use Kube-OVN in OVS-DPDK mode, or `userspaceCni: {}` to '
        + 'use the Userspace CNI plugin on an OVS-DPDK bridge',
  });
  return undefined;
}

/**
 * Name syntax and uniqueness of everything the cluster names (SPEC003,
 * SPEC004): the cluster, node pools, hosts, networks per namespace, VMs per
 * namespace, subnets, and the namespace of the Kube-OVN DaemonSets. Interface and subnet name syntax are checked with
 * the VM and subnet rules.
 */
export function checkNames(spec: ClusterSpec, findings: Findings): void {
  label(spec.name, 'name', 'cluster name', findings);

  const pools = new Unique('node pool', findings);
  const hosts = new Unique('Kubernetes node', findings);
  spec.nodes.forEach((pool, i) => {
    const path = `nodes[${i}]`;
    label(pool.name, `${path}.name`, 'node pool name', findings);
    pools.add(pool.name, `${path}.name`);
    (pool.hosts ?? [{ name: pool.name }]).forEach((host, j) => {
      const hostPath = pool.hosts ? `${path}.hosts[${j}].name` : `${path}.name`;
      if (pool.hosts) {
        subdomain(host.name, hostPath, 'Kubernetes node name', findings);
      }
      hosts.add(host.name, hostPath);
    });
  });

  const networks = new Unique('network', findings);
  (spec.networks ?? []).forEach((network, i) => {
    const path = `networks[${i}]`;
    label(network.name, `${path}.name`, 'network name', findings);
    namespace(network.namespace, `${path}.namespace`, findings);
    networks.add(network.name, `${path}.name`, network.namespace ?? DEFAULT_NAMESPACE);
  });

  const vms = new Unique('VM', findings);
  (spec.vms ?? []).forEach((vm, i) => {
    const path = `vms[${i}]`;
    label(vm.name, `${path}.name`, 'VM name', findings);
    namespace(vm.namespace, `${path}.namespace`, findings);
    vms.add(vm.name, `${path}.name`, vm.namespace ?? DEFAULT_NAMESPACE);
  });

  const subnets = new Unique('subnet', findings);
  (spec.subnets ?? []).forEach((subnet, i) => subnets.add(subnet.name, `subnets[${i}].name`));

  // Written into the metadata of the DaemonSet overrides.
  namespace(spec.kubeOvn?.namespace, 'kubeOvn.namespace', findings);
}

function label(name: string, path: string, what: string, findings: Findings): void {
  if (!isDnsLabel(name)) {
    findings.error('SPEC003', {
      path,
      message: `${what} ${JSON.stringify(name)} is not a DNS-1123 label: ${labelProblem(name)}`,
      hint: 'use at most 63 lowercase letters, digits and -, starting and ending with a '
        + 'letter or digit, such as "vm-1"',
      upstream: LABEL_UPSTREAM,
    });
  }
}

function subdomain(name: string, path: string, what: string, findings: Findings): void {
  if (!isDnsSubdomain(name)) {
    findings.error('SPEC003', {
      path,
      message: `${what} ${JSON.stringify(name)} is not a DNS-1123 subdomain: `
        + subdomainProblem(name),
      hint: 'write the node name exactly as `kubectl get nodes` prints it',
      upstream: SUBDOMAIN_UPSTREAM,
    });
  } else if (name.length > MAX_LABEL_VALUE) {
    // VMs and placeholder pods select their node by this label's value.
    findings.error('SPEC003', {
      path,
      message: `${what} ${JSON.stringify(name.slice(0, 20))}... has ${name.length} `
        + 'characters; VMs are sent to their node by the value of its '
        + `\`kubernetes.io/hostname\` label, which holds at most ${MAX_LABEL_VALUE}`,
      hint: 'nodes with longer names are not supported: give the node a name of at most '
        + `${MAX_LABEL_VALUE} characters (\`kubelet --hostname-override\`)`,
      upstream: LABEL_VALUE_UPSTREAM,
    });
  }
}

function namespace(name: string | undefined, path: string, findings: Findings): void {
  if (name !== undefined) {
    label(name, path, 'namespace', findings);
  }
}

/** Reports the second and later use of a name within one scope. */
class Unique {
  private readonly seen = new Map<string, string>();

  constructor(private readonly what: string, private readonly findings: Findings) {}

  add(name: string, path: string, scope?: string): void {
    const key = scope === undefined ? name : `${scope}/${name}`;
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, path);
      return;
    }
    const where = scope === undefined ? '' : ` in namespace ${JSON.stringify(scope)}`;
    this.findings.error('SPEC004', {
      path,
      message: `${this.what} name ${JSON.stringify(name)}${where} is already used at ${first}`,
      hint: `give every ${this.what}${scope === undefined ? '' : ' of a namespace'} `
        + 'its own name',
    });
  }
}
