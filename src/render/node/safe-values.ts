/**
 * The forms that model values must have before they go into node files. Quoting
 * (see `shell.ts`) makes any value inert for bash itself; these rules are for the
 * programs that read the files without quoting: GRUB's `/etc/default/grub`,
 * `ovs-vsctl`'s value syntax, and Kube-OVN's `start-ovs-dpdk-v2.sh`, which passes
 * each `config.cfg` line to `ovs-vsctl` as an unquoted word.
 */

/** A model value the node files cannot carry safely. */
export interface UnsafeValue {
  /** Where the value is, as a spec path: `nodes[0].kubelet.configPath`. */
  readonly path: string;
  /** The value found. */
  readonly value: string;
  /** The form it must have. */
  readonly rule: string;
  /** How to fix it. */
  readonly hint: string;
}

/** Thrown by the node renderer when values cannot be written safely. */
export class UnsafeValueError extends Error {
  /** Every offending value, not just the first. */
  public readonly values: readonly UnsafeValue[];

  constructor(values: readonly UnsafeValue[]) {
    super(`${values.length} value(s) cannot be written into the node files:\n` +
      values.map((v) =>
        `${v.path}: ${JSON.stringify(v.value)} must be ${v.rule}.\n  fix: ${v.hint}`,
      ).join('\n'));
    this.name = 'UnsafeValueError';
    this.values = values;
  }
}

/** A named form: a pattern and the sentence that describes it. */
export interface ValueForm {
  readonly pattern: RegExp;
  readonly rule: string;
  readonly hint: string;
}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

/** The forms used by the node renderer. */
export const FORMS = {
  dnsLabel: {
    pattern: new RegExp(`^(?=.{1,63}$)${LABEL}$`),
    rule: 'a DNS-1123 label (lowercase letters, digits and "-", at most 63)',
    hint: 'Rename it, for example "worker-dpdk".',
  },
  nodeName: {
    pattern: new RegExp(`^(?=.{1,253}$)${LABEL}(\\.${LABEL})*$`),
    rule: 'a Kubernetes node name (a DNS-1123 subdomain)',
    hint: 'Use the name `kubectl get nodes` prints.',
  },
  absolutePath: {
    pattern: /^(\/[A-Za-z0-9._+-]+)+$/,
    rule: 'an absolute path of letters, digits, ".", "_", "+", "-" and "/", without ".." or "//"',
    hint: 'Give the plain absolute path of the file.',
  },
  ovsName: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/,
    rule: 'an OVS bridge or port name: letters, digits, "_", "." or "-", at most 15',
    hint: 'OVS creates a kernel device per bridge: keep to a short interface name like "br-dpdk".',
  },
  ovsKey: {
    pattern: /^[a-z0-9][a-z0-9-]*$/,
    rule: 'an OVS other_config key (lowercase letters, digits and "-")',
    hint: 'Use the key as ovs-vswitchd.conf.db(5) spells it, like "pmd-cpu-mask".',
  },
  ovsValue: {
    pattern: /^[^\x00-\x1f\x7f"\\]*$/,
    rule: 'a one-line OVS value without double quotes or backslashes',
    hint: 'Remove the quotes, backslashes and line breaks.',
  },
  kubeOvnWord: {
    pattern: /^[A-Za-z0-9._:/,+=-]+$/,
    rule: 'one word of letters, digits and ._:/,+=- (Kube-OVN passes each config.cfg ' +
      'line to ovs-vsctl unquoted, so spaces split it and *?[ expand as globs)',
    hint: 'Leave the option out of config.cfg, or set it in the OVS database by hand.',
  },
  kernelArg: {
    pattern: /^[A-Za-z0-9_.-]+(=[A-Za-z0-9_.,:/+=-]*)?$/,
    rule: 'a kernel argument "key" or "key=value" without spaces or quotes',
    hint: 'Write each argument as the kernel documents it, like "isolcpus=2-7".',
  },
  cpuFlag: {
    pattern: /^[a-z0-9_]+$/,
    rule: 'a CPU flag as /proc/cpuinfo spells it (lowercase, digits, "_")',
    hint: 'Copy the flag from the "flags" line of /proc/cpuinfo, like "sse4_2".',
  },
  labelKey: {
    pattern: new RegExp(`^(${LABEL}(\\.${LABEL})*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$`),
    rule: 'a Kubernetes label key',
    hint: 'Use a key like "ovn.kubernetes.io/ovs_dp_type".',
  },
  labelValue: {
    pattern: /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/,
    rule: 'a Kubernetes label value',
    hint: 'Use letters, digits, "-", "_" and ".", at most 63.',
  },
  interfaceAddress: {
    pattern: /^[0-9A-Fa-f.:]+\/[0-9]{1,3}$/,
    rule: 'an IP address with its prefix length, like 192.168.0.10/24',
    hint: 'Give the tunnel address of the host with its prefix length.',
  },
  shellVariable: {
    pattern: /^[A-Z][A-Z0-9_]*$/,
    rule: 'an upper-case shell variable name',
    hint: 'Use the key Kube-OVN documents, like "ENCAP_IP".',
  },
} satisfies Record<string, ValueForm>;

/** Collects unsafe values while a renderer walks the plan. */
export class SafeValues {
  private readonly found: UnsafeValue[] = [];

  /** Checks `value` against `form`; records it when it does not match. */
  public check(path: string, value: string, form: ValueForm): string {
    if (!form.pattern.test(value) || (form === FORMS.absolutePath && /\/\.\.?(\/|$)/.test(value))) {
      this.refuse(path, value, form.rule, form.hint);
    }
    return value;
  }

  /** Records a value that breaks a rule no pattern expresses (once per place). */
  public refuse(path: string, value: string, rule: string, hint: string): void {
    if (!this.found.some((v) => v.path === path && v.value === value && v.rule === rule)) {
      this.found.push({ path, value, rule, hint });
    }
  }

  /** Every value recorded so far. */
  public get values(): readonly UnsafeValue[] {
    return this.found;
  }

  /** Throws {@link UnsafeValueError} when any value was recorded. */
  public throwIfAny(): void {
    if (this.found.length > 0) {
      throw new UnsafeValueError(this.found);
    }
  }
}
