import { readFileSync } from 'fs';
import { machine } from 'os';
import { ValueError } from '../../model/errors';
import { HostTopology } from '../../model/topology';
import { renderFacts } from '../facts-yaml';
import { CliFailure, CliIo, describeFsError, ExitCode, ExitCodeValue } from '../io';

/** Options of `vhost-user-k8s facts`. */
export interface FactsOptions {
  /**
   * The folder sysfs is mounted on; another folder reads a copy of it.
   *
   * @default '/sys'
   */
  readonly sysfs?: string;

  /**
   * The file whose `vendor_id` line names the CPU vendor of an x86_64 host.
   *
   * @default '/proc/cpuinfo'
   */
  readonly cpuinfo?: string;

  /**
   * CPU architecture as `uname -m` prints it; sysfs does not record it.
   *
   * @default - `os.machine()`, the architecture of this machine
   */
  readonly architecture?: string;
}

/**
 * Prints the topology of the machine it runs on (NUMA nodes, cores,
 * threads, memory, NICs) as the YAML of a node pool's `topology` and `nics`.
 *
 * @throws CliFailure when sysfs cannot be read as a topology
 */
export function runFacts(options: FactsOptions, io: CliIo): ExitCodeValue {
  const sysfs = options.sysfs ?? '/sys';
  const cpuinfo = options.cpuinfo ?? '/proc/cpuinfo';
  const architecture = options.architecture ?? machine();

  let host: HostTopology;
  try {
    host = HostTopology.fromSysfs(sysfs, { architecture });
  } catch (e) {
    if (e instanceof ValueError) {
      throw new CliFailure(`cannot read the topology from ${sysfs}: ${e.message}`);
    }
    throw e;
  }

  const cpuVendor = architecture === 'x86_64' ? readCpuVendor(cpuinfo) : undefined;
  io.stdout(renderFacts(host, {
    source: cpuVendor === undefined ? sysfs : `${sysfs} and ${cpuinfo}`,
    ...(cpuVendor !== undefined && { cpuVendor }),
  }));
  return ExitCode.OK;
}

/**
 * `GenuineIntel` is Intel, `AuthenticAMD` is AMD; another vendor, or no
 * file, leaves the vendor out.
 */
function readCpuVendor(cpuinfo: string): 'intel' | 'amd' | undefined {
  let text: string;
  try {
    text = readFileSync(cpuinfo, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new CliFailure(`cannot read ${cpuinfo}: ${describeFsError(e)}`);
  }
  const vendor = /^vendor_id\s*:\s*(\S+)/m.exec(text)?.[1];
  return vendor === 'GenuineIntel' ? 'intel' : vendor === 'AuthenticAMD' ? 'amd' : undefined;
}
