import { NodeContext, ScriptSection } from './context';
import { FORMS } from './safe-values';
import { bash, bashArray, bashConst } from './shell';

/**
 * Step 1: the node must be the machine the plan was made for, before anything is
 * changed. Each refusal names what was found, what the plan holds and the fix.
 */
export function preflightSection(ctx: NodeContext): ScriptSection {
  const { plan, safe, specPath } = ctx;
  const topology = plan.topology;
  const ids = topology.numaNodeIds();
  safe.check(`${specPath}.name`, plan.name, FORMS.dnsLabel);
  plan.hosts.forEach((host, i) =>
    safe.check(`${specPath}.hosts[${i}].name`, host.name, FORMS.nodeName));
  ctx.cpuFlags.forEach((flag) => safe.check('requiredCpuFlags', flag, FORMS.cpuFlag));
  safe.check(`${specPath}.topology.architecture`, topology.architecture, FORMS.cpuFlag);

  const values = [
    bashConst('POOL', plan.name),
    bashConst('NETWORK_PATH', ctx.path),
    bashConst('EXPECTED_ARCH', topology.architecture),
    bashConst('EXPECTED_CPUS', topology.cpus().toList()),
    bashArray('NUMA_NODE_IDS', ids),
    bashArray('NUMA_NODE_CPUS', ids.map((id) => topology.cpusOf(id).toList())),
    bashArray('REQUIRED_CPU_FLAGS', ctx.cpuFlags),
    bashConst('PER_NODE_HUGEPAGE_SYNTAX', plan.kernel.perNodeHugepages ? 1 : 0),
  ].join('\n');
  return { values, functions: FUNCTIONS };
}

const FUNCTIONS = bash`preflight() {
  ((BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 4))) ||
    die "bash 4.4 or later is needed, this is $BASH_VERSION"
  if [[ $MODE == apply && -z $ROOT && $EUID -ne 0 ]]; then
    die "run as root: the script writes /etc, /sys, the kubelet and OVS configuration"
  fi
  if [[ -z $NODE_NAME ]]; then
    NODE_NAME=$("$UNAME" -n)
  fi
  preflight_machine
  preflight_kernel
  preflight_nics
  preflight_tools
}

preflight_machine() {
  local found i node
  found=$("$UNAME" -m)
  [[ $found == "$EXPECTED_ARCH" ]] ||
    die "this node is $found, the plan of pool $POOL is for $EXPECTED_ARCH:" \
      "run the script of this node's pool, or correct topology.architecture"

  found=$(<"$ROOT/sys/devices/system/cpu/online")
  [[ $found == "$EXPECTED_CPUS" ]] ||
    die "the online CPUs of this node are $found, the plan of pool $POOL has" \
      "$EXPECTED_CPUS: describe this host in topology (lscpu -p), or bring its CPUs online"

  found=$(numa_node_ids)
  [[ $found == "\${NUMA_NODE_IDS[*]}" ]] ||
    die "this node has NUMA nodes '$found', the plan of pool $POOL has" \
      "'\${NUMA_NODE_IDS[*]}': describe this host in topology (lscpu -p)"
  for i in "\${!NUMA_NODE_IDS[@]}"; do
    node=\${NUMA_NODE_IDS[i]}
    found=$(<"$ROOT/sys/devices/system/node/node$node/cpulist")
    [[ $found == "\${NUMA_NODE_CPUS[i]}" ]] ||
      die "NUMA node $node has CPUs $found, the plan has \${NUMA_NODE_CPUS[i]}:" \
        "describe this host in topology (lscpu -p)"
  done

  check_cpu_flags
}

# The NUMA node ids of this machine in ascending order (a sparse array keeps its
# indices sorted).
numa_node_ids() {
  local dir id
  local -a ids=()
  for dir in "$ROOT"/sys/devices/system/node/node[0-9]*; do
    [[ -d $dir ]] || continue
    id=\${dir##*/node}
    ids[id]=$id
  done
  printf '%s' "\${ids[*]}"
}

# DPDK's EAL stops at start on a CPU without the instructions it was built for
# ("ERROR: This system does not support ..."; Kube-OVN issue #4527), and 1Gi pages
# need pdpe1gb.
check_cpu_flags() {
  local line flag
  local -a missing=()
  line=$(grep -m 1 -E '^(flags|Features)[[:space:]]*:' "$ROOT/proc/cpuinfo" || true)
  for flag in "\${REQUIRED_CPU_FLAGS[@]}"; do
    [[ " \${line#*:} " == *" $flag "* ]] || missing+=("$flag")
  done
  ((\${#missing[@]} == 0)) ||
    die "this CPU lacks \${missing[*]}, which the DPDK build or the hugepage size needs:" \
      "use hardware that has them, or a DPDK build (and hugepages.size) for this CPU"
}

# hugepages=<node>:<count>,... on the command line is read from kernel 5.16 on
# (Documentation/admin-guide/kernel-parameters.txt, "hugepages").
preflight_kernel() {
  local release major minor
  if ((PER_NODE_HUGEPAGE_SYNTAX)); then
    release=$("$UNAME" -r)
    [[ $release =~ ^([0-9]+)\.([0-9]+) ]] ||
      die "cannot read the kernel version in '$release' (uname -r)"
    major=\${BASH_REMATCH[1]} minor=\${BASH_REMATCH[2]}
    if ((major < 5 || (major == 5 && minor < 16))); then
      die "kernel $release does not read per-NUMA-node hugepages on its command line" \
        "(hugepages=0:N,1:N needs 5.16): set kernel.version to \"$release\" in the spec," \
        "so that the plan allocates them through the boot unit instead"
    fi
  fi
  [[ -d $ROOT/sys/kernel/mm/hugepages/hugepages-\${HUGEPAGE_KIB}kB ]] ||
    die "the kernel offers no $HUGEPAGE_QUANTITY hugepages" \
      "(/sys/kernel/mm/hugepages/hugepages-\${HUGEPAGE_KIB}kB is missing):" \
      "choose a page size this CPU supports in hugepages.size"
}

preflight_nics() {
  local i pci dev found
  for i in "\${!NIC_PCI[@]}"; do
    pci=\${NIC_PCI[i]}
    dev=$ROOT/sys/bus/pci/devices/$pci
    [[ -e $dev ]] ||
      die "no PCI device $pci on this node: compare nics[$i].pci with lspci -D"
    # A VF drops unicast frames addressed to MACs other than its own, which are
    # exactly the frames of the VMs behind the bridge.
    [[ ! -L $dev/physfn ]] ||
      die "NIC $pci is an SR-IOV virtual function: give OVS-DPDK the physical function" \
        "($(readlink "$dev/physfn" | sed 's|.*/||')) instead"
    if [[ -n \${NIC_NUMA[i]} ]]; then
      found=$(<"$dev/numa_node")
      [[ $found == "\${NIC_NUMA[i]}" ]] ||
        die "NIC $pci is on NUMA node $found, the plan says \${NIC_NUMA[i]}:" \
          "correct nics[$i].numaNode (cat \${dev#"$ROOT"}/numa_node)"
    fi
  done
}

preflight_tools() {
  "$PYTHON3" -c 'import yaml' 2>/dev/null ||
    die "the kubelet step merges YAML with python3 and PyYAML, and" \
      "'$PYTHON3 -c \"import yaml\"' failed: install python3-yaml (Debian, Ubuntu)" \
      "or python3-pyyaml (RHEL, Fedora)"
  if [[ $NETWORK_PATH == userspace ]]; then
    command -v "$OVS_VSCTL" >/dev/null ||
      die "$OVS_VSCTL not found: install Open vSwitch with DPDK" \
        "(openvswitch-switch-dpdk on Debian and Ubuntu)"
    vsctl get Open_vSwitch . ovs_version >/dev/null ||
      die "cannot reach the Open vSwitch database with $OVS_VSCTL:" \
        "start Open vSwitch (systemctl start openvswitch-switch)"
  fi
}
`;
