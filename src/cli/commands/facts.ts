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
   * The file that holds the kernel release, as `uname -r` prints it.
   *
   * @default '/proc/sys/kernel/osrelease'
   */
  readonly osrelease?: string;

  /**
   * CPU architecture as `uname -m` prints it; sysfs does not record it.
   *
   * @default - `os.machine()`, the architecture of this machine
   */
  readonly architecture?: string;
}

/**
 * Prints the topology of the machine it runs on (NUMA nodes, cores,
 * threads, memory, NICs) and its kernel release as the YAML of a node pool's
 * `topology`, `nics` and `kernel`.
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

  const osrelease = options.osrelease ?? '/proc/sys/kernel/osrelease';
  const cpuVendor = architecture === 'x86_64' ? readCpuVendor(cpuinfo) : undefined;
  const kernelVersion = readOptional(osrelease)?.trim() || undefined;
  const sources = [sysfs, ...cpuVendor === undefined ? [] : [cpuinfo],
    ...kernelVersion === undefined ? [] : [osrelease]];
  io.stdout(renderFacts(host, {
    source: sources.length < 3 ? sources.join(' and ')
      : `${sources.slice(0, -1).join(', ')} and ${sources[sources.length - 1]}`,
    ...(cpuVendor !== undefined && { cpuVendor }),
    ...(kernelVersion !== undefined && { kernelVersion }),
  }));
  return ExitCode.OK;
}

/** The text of a file, or undefined when there is none. */
function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new CliFailure(`cannot read ${file}: ${describeFsError(e)}`);
  }
}

/**
 * `GenuineIntel` is Intel, `AuthenticAMD` is AMD; another vendor, or no
 * file, leaves the vendor out.
 */
function readCpuVendor(cpuinfo: string): 'intel' | 'amd' | undefined {
  const text = readOptional(cpuinfo);
  const vendor = text === undefined ? undefined : /^vendor_id\s*:\s*(\S+)/m.exec(text)?.[1];
  return vendor === 'GenuineIntel' ? 'intel' : vendor === 'AuthenticAMD' ? 'amd' : undefined;
}
