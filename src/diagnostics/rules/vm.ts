import { Size } from '../../model/size';
import { VmSpec } from '../../spec';
import { Findings } from '../findings';
import { isDnsLabel, labelProblem, quoteList } from './names';
import { readValue } from './read';

/** Page sizes Virtink's CRD accepts for `memory.hugepages.pageSize`. */
const VIRTINK_PAGE_SIZES = ['2Mi', '1Gi'];

/** What a socket path holds in place of the container ID or pod UID. */
const ID = '<id>';

/** The 107 bytes a UNIX socket path may hold (108 with the closing NUL). */
export const MAX_SOCKET_PATH = 107;

/** Interface names are also guest NIC names (network data `set-name`): IFNAMSIZ - 1. */
export const MAX_INTERFACE_NAME = 15;

/**
 * vCPUs and virtual sockets (VM001): whole, positive, and the vCPUs spread
 * evenly, since Virtink counts `sockets × coresPerSocket`.
 *
 * @returns sockets and cores per socket, or undefined when they cannot be derived
 */
export function readCpus(
  spec: VmSpec, index: number, findings: Findings,
): { cpus: number; sockets: number; coresPerSocket: number } | undefined {
  const cpus = spec.cpus ?? 1;
  const sockets = spec.sockets ?? 1;
  const path = `vms[${index}]`;
  for (const [field, value] of [['cpus', cpus], ['sockets', sockets]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      findings.error('VM001', {
        path: `${path}.${field}`,
        message: `${field} ${value} is not a whole number of 1 or more`,
        hint: `give ${field} as a positive whole number`,
      });
      return undefined;
    }
  }
  if (cpus % sockets !== 0) {
    findings.error('VM001', {
      path: `${path}.sockets`,
      message: `${cpus} vCPUs do not spread evenly over ${sockets} sockets; Virtink gives `
        + 'every socket the same number of cores',
      hint: `use a number of sockets that divides ${cpus}, such as 1`,
    });
    return undefined;
  }
  return { cpus, sockets, coresPerSocket: cpus / sockets };
}

/** Guest memory (VM002): a size larger than zero. */
export function readMemory(spec: VmSpec, index: number, findings: Findings): Size | undefined {
  const path = `vms[${index}].memory`;
  const memory = readValue(() => Size.parse(spec.memory), 'VM002', path, findings);
  if (memory?.isZero) {
    findings.error('VM002', {
      path,
      message: 'memory is 0; a VM needs guest memory',
      hint: 'give the guest memory, such as 1Gi',
      upstream: 'must be greater than 0',
    });
    return undefined;
  }
  return memory;
}

/**
 * The hugepage size of the guest (VM003): one Virtink accepts, and the
 * default hugepage size of the nodes it may run on. Cloud Hypervisor is not
 * told the page size and takes the host's default, so any other size fails
 * at boot.
 *
 * @param poolSizes the hugepage size of each candidate pool that was planned
 */
export function readPageSize(
  spec: VmSpec, index: number, poolSizes: ReadonlyArray<{ pool: string; size: Size }>,
  findings: Findings,
): Size | undefined {
  const path = `vms[${index}].hugepageSize`;
  if (spec.hugepageSize === undefined) {
    return poolSizes[0]?.size ?? Size.parse('1Gi');
  }
  const size = readValue(() => Size.parse(spec.hugepageSize as string), 'VM003', path, findings);
  if (size === undefined) {
    return undefined;
  }
  if (!VIRTINK_PAGE_SIZES.includes(size.toQuantity())) {
    findings.error('VM003', {
      path,
      message: `hugepageSize ${size} is not a page size Virtink accepts`,
      hint: `use ${VIRTINK_PAGE_SIZES.join(' or ')}, the node pools' hugepage size`,
      upstream: `Unsupported value: "${size}": supported values: "2Mi", "1Gi"`,
    });
    return undefined;
  }
  if (poolSizes.length > 0 && !poolSizes.some((pool) => pool.size.equals(size))) {
    // A pool size VMs cannot use is reported on the pool (HUGE003): never
    // recommend it here.
    const poolSize = poolSizes[0].size;
    findings.error('VM003', {
      path,
      message: `hugepageSize ${size} is not the hugepage size of node pool(s) `
        + `${quoteList(poolSizes.map((p) => p.pool))} (${poolSize}); Cloud Hypervisor `
        + 'backs guest memory with the host\'s default hugepage size whatever Virtink asks',
      hint: VIRTINK_PAGE_SIZES.includes(poolSize.toQuantity())
        ? `leave hugepageSize out to use ${poolSize}, or change hugepages.size of the pool`
        : `change hugepages.size of the pool to ${size}: VMs cannot use its ${poolSize} pages`,
    });
    return undefined;
  }
  return size;
}

/** Guest memory must be whole hugepages (VM004), as Virtink's webhook demands. */
export function checkWholePages(
  memory: Size, pageSize: Size, index: number, findings: Findings,
): boolean {
  if (memory.isMultipleOf(pageSize)) {
    return true;
  }
  const up = pageSize.times(Math.ceil(memory.bytes / pageSize.bytes));
  findings.error('VM004', {
    path: `vms[${index}].memory`,
    message: `memory ${memory} is not a whole number of ${pageSize} hugepages`,
    hint: `use a multiple of ${pageSize}, such as ${up}`,
    upstream: `${memory.bytes} is not positive integer multiple of ${pageSize}`,
  });
  return false;
}

/** `runPolicy: Once` never restarts a VM whose pod is gone (VM013, virtink#112). */
export function checkRunPolicy(spec: VmSpec, index: number, findings: Findings): void {
  if (spec.runPolicy === 'Once') {
    findings.warn('VM013', {
      path: `vms[${index}].runPolicy`,
      message: 'runPolicy Once runs the VM a single time: when its pod is deleted or its node '
        + 'drained, Virtink does not start it again (smartxworks/virtink#112)',
      hint: 'use Always (the default here) or RerunOnFailure for a long-lived VM',
    });
  }
}

/** The root disk image (VM023): a reference the kubelet can pull. */
export function checkImage(image: string, index: number, findings: Findings): void {
  if (!/^[a-z0-9][a-z0-9._\-/:@]*$/i.test(image) || image.length > 512) {
    findings.error('VM023', {
      path: `vms[${index}].image`,
      message: `image ${JSON.stringify(image)} is not a container image reference`,
      hint: 'write a reference such as smartxworks/virtink-container-disk-ubuntu:latest',
    });
  }
}

/**
 * An interface name (VM005): a DNS-1123 label of at most 15 characters (it
 * is also the guest NIC name in network data), unique in the VM, and none of
 * the names the pod network takes.
 */
export function checkInterfaceName(
  name: string, path: string, taken: ReadonlyMap<string, string>, findings: Findings,
): boolean {
  const quoted = JSON.stringify(name);
  const problem = !isDnsLabel(name) ? `is not a DNS-1123 label: ${labelProblem(name)}`
    : name.length > MAX_INTERFACE_NAME
      ? `has ${name.length} characters; the guest NIC takes this name, and Linux allows `
        + `${MAX_INTERFACE_NAME}`
      : taken.has(name) ? `is already used by ${taken.get(name)}` : undefined;
  if (problem === undefined) {
    return true;
  }
  findings.error('VM005', {
    path,
    message: `interface name ${quoted} ${problem}`,
    hint: 'use a short, unique name of lowercase letters, digits and -, at most '
      + `${MAX_INTERFACE_NAME} characters, such as "data0"`,
    upstream: taken.has(name) ? `Duplicate value: ${quoted}` : undefined,
  });
  return false;
}

/**
 * The vhost-user socket path on the host must fit a UNIX socket address
 * (VM012): OVS connects to a longer path and fails without a clear error.
 *
 * @param path the path with `<id>` for the container ID or pod UID
 * @param idLength how many characters `<id>` stands for
 */
export function checkSocketPath(
  path: string, idLength: number, where: string, findings: Findings,
): void {
  const length = Buffer.byteLength(path) + count(path, ID) * (idLength - ID.length);
  if (length > MAX_SOCKET_PATH) {
    findings.error('VM012', {
      path: where,
      message: `the vhost-user socket path ${path} takes ${length} bytes (<id> being `
        + `${idLength} characters), more than the ${MAX_SOCKET_PATH} a UNIX socket path holds`,
      hint: 'use fewer vhost-user interfaces per VM, or shorter names',
    });
  }
}

/** How many times `part` occurs in `text`, without overlaps. */
function count(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) {
    n++;
  }
  return n;
}
