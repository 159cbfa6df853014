import { Findings } from '../diagnostics/findings';
import { ValueError } from '../model/errors';
import { ClusterSpec, RunPolicy, UserspaceCniSpec } from '../spec';
import { Version } from './versions';

/** Namespace of networks and VMs that name none. */
export const DEFAULT_NAMESPACE = 'default';

/** Kubelet version when `versions.kubelet` is not given. */
export const DEFAULT_KUBELET_VERSION = '1.32';

/** Kube-OVN release when `kubeOvn.version` is not given. */
export const DEFAULT_KUBE_OVN_VERSION = 'v1.16.2';

/**
 * The newest Kube-OVN release line whose DPDK image, DaemonSets and CRDs this
 * library was checked against; a newer release is planned as this one
 * (SPEC010).
 */
export const NEWEST_KUBE_OVN_LINE = '1.16';

/** OVS of Debian 12 (`openvswitch-switch-dpdk`), the Userspace CNI default. */
export const DEBIAN_OVS_VERSION = '3.1';

/** Kubeconfig the Userspace CNI plugin writes pod annotations with. */
export const DEFAULT_USERSPACE_KUBECONFIG = '/etc/cni/net.d/multus.d/multus.kubeconfig';

/** Userspace CNI log level when none is given. */
export const DEFAULT_USERSPACE_LOG_LEVEL: NonNullable<UserspaceCniSpec['logLevel']> = 'info';

/** `runPolicy` of VMs that give none (Virtink's own default is `Once`). */
export const DEFAULT_RUN_POLICY: RunPolicy = 'Always';

/** Root disk image of VMs that give none. */
export const DEFAULT_VM_IMAGE = 'smartxworks/virtink-container-disk-ubuntu';

/** Name of the pod network in a VM's `spec.networks`, when it has one. */
export const POD_NETWORK_NAME = 'pod';

/** Kube-OVN's DHCP `server_id` when none is given. */
export const DEFAULT_DHCP_SERVER_ID = '169.254.0.254';

/** Kube-OVN's DHCP `lease_time` when none is given, in seconds. */
export const DEFAULT_DHCP_LEASE_TIME = 3600;

/** The versions every version-dependent rule reads. */
export interface ResolvedVersions {
  readonly kubelet: Version;
  readonly ovs: Version;
  /** Kube-OVN release, on the Kube-OVN path. */
  readonly kubeOvn?: Version;
}

/**
 * The OVS release inside the Kube-OVN `-dpdk` image of a release line, read
 * from `dist/images/Dockerfile.base-dpdk` at each tag: OVS branch-2.16 with
 * DPDK 20.11 from v1.10.0 (where the hybrid DPDK mode appeared) to v1.12.3,
 * branch-3.1 from v1.12.4, branch-3.3 in v1.13 and v1.14, branch-3.5 from
 * v1.15.
 *
 * @returns undefined before v1.10, which has no hybrid OVS-DPDK mode
 */
export function ovsOfKubeOvn(kubeOvn: Version): Version | undefined {
  if (kubeOvn.below('1.10')) {
    return undefined;
  }
  if (kubeOvn.below('1.12.4')) {
    return Version.parse('2.16');
  }
  if (kubeOvn.below('1.13')) {
    return Version.parse('3.1');
  }
  if (kubeOvn.below('1.15')) {
    return Version.parse('3.3');
  }
  return Version.parse('3.5');
}

/**
 * Reads the versions of the cluster and fills in the defaults: kubelet 1.32;
 * OVS from the Kube-OVN image on that path, else Debian 12's 3.1 (SPEC005,
 * SPEC006, SPEC007). A version that cannot be read is reported and replaced
 * by its default, so that the other rules still run. A Kube-OVN release newer
 * than the library knows is warned about (SPEC010).
 */
export function resolveVersions(spec: ClusterSpec, findings: Findings): ResolvedVersions {
  const kubelet = read(spec.versions?.kubelet, DEFAULT_KUBELET_VERSION,
    'versions.kubelet', 'kubelet', findings);

  if (!spec.kubeOvn || spec.userspaceCni) {
    const ovs = read(spec.versions?.ovs, DEBIAN_OVS_VERSION, 'versions.ovs', 'OVS', findings);
    return { kubelet, ovs };
  }

  const kubeOvn = read(spec.kubeOvn.version, DEFAULT_KUBE_OVN_VERSION,
    'kubeOvn.version', 'Kube-OVN', findings);
  const shipped = ovsOfKubeOvn(kubeOvn);
  if (!shipped) {
    findings.error('SPEC006', {
      path: 'kubeOvn.version',
      message: `Kube-OVN ${kubeOvn} has no hybrid OVS-DPDK mode: the ovs-ovn-dpdk DaemonSet, `
        + '/opt/ovs-config/ovs-dpdk-config and start-ovs-dpdk-v2.sh appeared in v1.10.0',
      hint: `use Kube-OVN v1.10 or later; ${DEFAULT_KUBE_OVN_VERSION} is the current release`,
    });
  }

  const given = spec.versions?.ovs;
  warnNewerKubeOvn(kubeOvn, shipped, given, findings);
  if (given === undefined) {
    return { kubelet, kubeOvn, ovs: shipped ?? Version.parse('2.16') };
  }
  const ovs = read(given, shipped?.toString() ?? '2.16', 'versions.ovs', 'OVS', findings);
  if (shipped && ovs.majorMinor !== shipped.majorMinor) {
    findings.warn('SPEC007', {
      path: 'versions.ovs',
      message: `versions.ovs is ${ovs}, but the Kube-OVN ${kubeOvn} DPDK image runs OVS `
        + `${shipped.majorMinor}; on the Kube-OVN path OVS comes from that image`,
      hint: `remove versions.ovs, or set it to ${shipped.majorMinor} unless you build your `
        + 'own ovs-ovn-dpdk image',
    });
  }
  return { kubelet, kubeOvn, ovs };
}

/** A release after the newest line this library knows is planned as that line (SPEC010). */
function warnNewerKubeOvn(
  kubeOvn: Version, shipped: Version | undefined, givenOvs: string | undefined,
  findings: Findings,
): void {
  const newest = Version.parse(NEWEST_KUBE_OVN_LINE);
  if (kubeOvn.major === newest.major && kubeOvn.minor <= newest.minor
    || kubeOvn.major < newest.major) {
    return;
  }
  const ovs = givenOvs === undefined
    ? `OVS ${shipped?.majorMinor ?? '?'} in its DPDK image`
    : `the OVS of versions.ovs (${givenOvs})`;
  findings.warn('SPEC010', {
    path: 'kubeOvn.version',
    message: `Kube-OVN ${kubeOvn} is newer than the releases this library knows (up to `
      + `v${NEWEST_KUBE_OVN_LINE}); it is planned as v${NEWEST_KUBE_OVN_LINE}: ${ovs}, the `
      + 'ovs-ovn-dpdk DaemonSet, start-ovs-dpdk-v2.sh and the Subnet CRD of that line',
    hint: givenOvs === undefined
      ? `set versions.ovs to the OVS of the ${kubeOvn} DPDK image, and check the DaemonSet `
        + `overrides against its install.sh; or use ${DEFAULT_KUBE_OVN_VERSION}`
      : `check the DaemonSet overrides against the ${kubeOvn} install.sh; or use `
        + DEFAULT_KUBE_OVN_VERSION,
  });
}

function read(
  text: string | undefined, fallback: string, path: string, what: string, findings: Findings,
): Version {
  if (text === undefined) {
    return Version.parse(fallback, what);
  }
  try {
    return Version.parse(text, what);
  } catch (e) {
    if (!(e instanceof ValueError)) {
      throw e;
    }
    findings.error('SPEC005', {
      path,
      message: `${path} ${JSON.stringify(text)} cannot be read: ${e.reason}`,
      hint: `${e.hint} Leave it out for ${fallback}.`,
    });
    return Version.parse(fallback, what);
  }
}
