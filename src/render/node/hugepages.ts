import { NodeContext, ScriptSection } from './context';
import { bash, bashArray, bashConst, bashText } from './shell';

/** Where the boot-time hugepage script and its unit are installed. */
export const HUGEPAGES_SCRIPT_PATH = '/usr/local/libexec/vhost-user-k8s/hugepages.sh';
export const HUGEPAGES_UNIT = 'vhost-user-k8s-hugepages.service';

/** Planned pages per NUMA node, in the order of the topology's NUMA node ids. */
function pageCounts(ctx: NodeContext): number[] {
  const entries = ctx.plan.hugepages.perNumaNode;
  return ctx.plan.topology.numaNodeIds()
    .map((id) => entries.find((e) => e.numaNode === id)?.pages ?? 0);
}

function pageKib(ctx: NodeContext): number {
  return ctx.plan.hugepages.size.bytes / 1024;
}

/**
 * Step 3: hugepages on each NUMA node, now through sysfs and at every boot through
 * a unit that runs before the kubelet and OVS.
 */
export function hugepagesSection(ctx: NodeContext): ScriptSection {
  const values = [
    bashConst('HUGEPAGE_KIB', pageKib(ctx)),
    bashConst('HUGEPAGE_QUANTITY', ctx.plan.hugepages.size.toQuantity()),
    bashArray('HUGEPAGE_COUNTS', pageCounts(ctx)),
    bashConst('HUGEPAGES_SCRIPT_PATH', HUGEPAGES_SCRIPT_PATH),
    bashText('HUGEPAGES_SCRIPT', hugepagesScript(ctx)),
    bashConst('HUGEPAGES_UNIT', HUGEPAGES_UNIT),
    bashText('HUGEPAGES_UNIT_TEXT', hugepagesUnit(ctx)),
  ].join('\n');
  return { values, functions: FUNCTIONS };
}

/** `hugepages.sh`: what the boot unit runs. */
export function hugepagesScript(ctx: NodeContext): string {
  return bash`#!/usr/bin/env bash
# Hugepages per NUMA node of node pool "${ctx.plan.name}" (vhost-user-k8s). Installed by
# bootstrap.sh; run at boot by ${HUGEPAGES_UNIT}, before the kubelet and
# Open vSwitch start. A count the kernel cannot meet fails the unit, so that
# 'systemctl --failed' shows it.
set -euo pipefail

readonly ROOT=\${VHOST_USER_ROOT:-}
${bashArray('NUMA_NODE_IDS', ctx.plan.topology.numaNodeIds())}
${bashArray('HUGEPAGE_COUNTS', pageCounts(ctx))}
${bashConst('HUGEPAGE_KIB', pageKib(ctx))}

status=0
for i in "\${!NUMA_NODE_IDS[@]}"; do
  node=\${NUMA_NODE_IDS[i]}
  planned=\${HUGEPAGE_COUNTS[i]}
  file=$ROOT/sys/devices/system/node/node$node/hugepages/hugepages-\${HUGEPAGE_KIB}kB/nr_hugepages
  printf '%s\n' "$planned" >"$file"
  found=$(<"$file")
  if ((\${found:-0} != planned)); then
    printf 'hugepages: NUMA node %s has %s of its %s pages of %s KiB\n' \
      "$node" "\${found:-0}" "$planned" "$HUGEPAGE_KIB" >&2
    status=1
  fi
done
exit "$status"
`;
}

/** The systemd unit that runs `hugepages.sh` at boot. */
export function hugepagesUnit(ctx: NodeContext): string {
  return `# Installed by bootstrap.sh of node pool "${ctx.plan.name}" (vhost-user-k8s).
[Unit]
Description=Hugepages per NUMA node for OVS-DPDK and vhost-user VMs
DefaultDependencies=no
After=local-fs.target
Before=sysinit.target shutdown.target kubelet.service
Before=openvswitch-switch.service ovs-vswitchd.service
Conflicts=shutdown.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=${HUGEPAGES_SCRIPT_PATH}

[Install]
WantedBy=sysinit.target
`;
}

const FUNCTIONS = bash`hugepages() {
  local i node file found planned
  for i in "\${!NUMA_NODE_IDS[@]}"; do
    node=\${NUMA_NODE_IDS[i]}
    planned=\${HUGEPAGE_COUNTS[i]}
    file=$(node_hugepages_file "$node")
    found=$(<"$file")
    if [[ $found == "$planned" ]] ||
      ! change hugepages "$HUGEPAGE_QUANTITY pages of NUMA node $node" "$found" "$planned"; then
      continue
    fi
    printf '%s\n' "$planned" >"$file"
    found=$(<"$file")
    if ((found != planned)); then
      needs_reboot "NUMA node $node got $found of its $planned $HUGEPAGE_QUANTITY pages" \
        "(memory is fragmented; the kernel arguments allocate them at boot)"
    fi
    # The kubelet reads hugepage capacity only when it starts.
    needs_kubelet_restart "the hugepages of NUMA node $node changed"
  done

  install_unit_file "$HUGEPAGES_SCRIPT_PATH" 0755 "$HUGEPAGES_SCRIPT" hugepages.sh
  install_unit_file "/etc/systemd/system/$HUGEPAGES_UNIT" 0644 "$HUGEPAGES_UNIT_TEXT" \
    "$HUGEPAGES_UNIT"
  enable_unit "$HUGEPAGES_UNIT"
}

node_hugepages_file() {
  local node=$ROOT/sys/devices/system/node/node$1
  printf '%s' "$node/hugepages/hugepages-\${HUGEPAGE_KIB}kB/nr_hugepages"
}

# Installs a unit or the script it runs; systemd rereads changed units once, before
# the next enable_unit.
install_unit_file() {
  install_file systemd "$1" "$2" "$3" "$NODE_FILES/$4"
  if ((FILE_CHANGED)); then
    UNITS_CHANGED=1
  fi
}

enable_unit() {
  local unit=$1 found
  if ((UNITS_CHANGED)); then
    "$SYSTEMCTL" daemon-reload
    UNITS_CHANGED=0
  fi
  found=$("$SYSTEMCTL" is-enabled "$unit" 2>/dev/null || true)
  if [[ $found != enabled ]] && change systemd "unit $unit" "$(shown "$found")" '"enabled"'; then
    "$SYSTEMCTL" enable "$unit"
  fi
}
`;
