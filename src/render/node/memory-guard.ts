import { NodeContext } from './context';
import { HUGEPAGES_UNIT } from './hugepages';
import { bash, bashConst, bashText } from './shell';

/** Where the guard and its unit are installed. */
export const MEMORY_GUARD_PATH = '/usr/local/libexec/vhost-user-k8s/memory-manager-guard.sh';
export const MEMORY_GUARD_UNIT = 'vhost-user-k8s-memory-manager-guard.service';

/** Whether the plan turns on the kubelet's Static memory manager. */
export function usesStaticMemoryManager(ctx: NodeContext): boolean {
  return ctx.plan.kubelet.config.memoryManagerPolicy === 'Static';
}

/** The bash values that carry the guard and its unit into bootstrap.sh. */
export function memoryGuardValues(ctx: NodeContext): string[] {
  if (!usesStaticMemoryManager(ctx)) {
    return [];
  }
  return [
    bashConst('MEMORY_GUARD_PATH', MEMORY_GUARD_PATH),
    bashText('MEMORY_GUARD_SCRIPT', memoryGuardScript(ctx)),
    bashConst('MEMORY_GUARD_UNIT', MEMORY_GUARD_UNIT),
    bashText('MEMORY_GUARD_UNIT_TEXT', memoryGuardUnit(ctx)),
  ];
}

/** The unit that runs the guard before every start of the kubelet. */
export function memoryGuardUnit(ctx: NodeContext): string {
  return `# Installed by bootstrap.sh of node pool "${ctx.plan.name}" (vhost-user-k8s).
[Unit]
Description=Set aside a kubelet memory manager checkpoint that no longer matches the NUMA memory
After=local-fs.target ${HUGEPAGES_UNIT}
Before=kubelet.service

[Service]
Type=oneshot
ExecStart=${MEMORY_GUARD_PATH}

[Install]
WantedBy=kubelet.service
`;
}

/**
 * `memory-manager-guard.sh`. With the Static memory manager the kubelet records
 * each NUMA node's memory in `memory_manager_state` (`machineState.<node>.memoryMap.
 * <resource>.total`) and, when it starts, refuses a checkpoint whose totals differ
 * from the machine: "[memorymanager] the expected machine state is different from
 * the real one" (kubernetes pkg/kubelet/cm/memorymanager/policy_static.go,
 * `validateState` and `getDefaultMachineState`). The memory the kernel reports per
 * NUMA node moves by a few pages between boots, so a rebooted node can stay
 * NotReady until the file is removed (kubernetes/kubernetes#140473). The guard
 * runs before the kubelet and sets the checkpoint aside when its totals no longer
 * match; the kubelet then starts from a fresh one.
 */
export function memoryGuardScript(ctx: NodeContext): string {
  return bash`#!/usr/bin/env bash
# Kubelet memory manager guard of node pool "${ctx.plan.name}" (vhost-user-k8s). Installed
# by bootstrap.sh and run by ${MEMORY_GUARD_UNIT} before every kubelet start.
#
# The Static memory manager keeps each NUMA node's memory in memory_manager_state and
# refuses to start when the machine no longer has exactly those totals ("[memorymanager]
# the expected machine state is different from the real one", kubernetes
# pkg/kubelet/cm/memorymanager/policy_static.go). A NUMA node's MemTotal moves by a few
# pages between boots, so this sets such a checkpoint aside before the kubelet reads it.
set -euo pipefail

readonly ROOT=\${VHOST_USER_ROOT:-}
readonly PYTHON3=\${PYTHON3:-python3}
${bashConst('STATE', `${ctx.kubeletRootDir}/memory_manager_state`)}
readonly BACKUP_DIR=/var/backups/vhost-user-k8s

# "<NUMA node> <resource> <bytes>" for each total of the checkpoint's machineState
# (nothing under another policy, whose checkpoint holds no machine state).
checkpoint_totals() {
  "$PYTHON3" -c '
import json, sys
with open(sys.argv[1]) as f:
    state = json.load(f)
if state.get("policyName") == "Static":
    for node, info in (state.get("machineState") or {}).items():
        for resource, table in (info.get("memoryMap") or {}).items():
            print(node, resource, table.get("total", 0))
' "$ROOT$STATE"
}

# The same totals as the kubelet computes them (through cAdvisor): MemTotal of each
# NUMA node, and for each hugepage size nr_hugepages times the page size.
machine_totals() {
  local dir node kib pages size
  for dir in "$ROOT"/sys/devices/system/node/node[0-9]*; do
    node=\${dir##*/node}
    kib=$(sed -n 's/^Node [0-9]* MemTotal: *\([0-9]*\) kB$/\1/p' "$dir/meminfo")
    printf '%s memory %s\n' "$node" $((kib * 1024))
    for pages in "$dir"/hugepages/hugepages-*kB; do
      [[ -e $pages/nr_hugepages ]] || continue
      size=\${pages##*/hugepages-}
      size=\${size%kB}
      printf '%s hugepages-%s %s\n' "$node" "$(kib_quantity "$size")" \
        $(($(<"$pages/nr_hugepages") * size * 1024))
    done
  done
}

kib_quantity() {
  if (($1 % (1024 * 1024) == 0)); then
    printf '%sGi' $(($1 / 1024 / 1024))
  elif (($1 % 1024 == 0)); then
    printf '%sMi' $(($1 / 1024))
  else
    printf '%sKi' "$1"
  fi
}

main() {
  local recorded found target
  [[ -s $ROOT$STATE ]] || exit 0
  recorded=$(checkpoint_totals | sort)
  [[ -n $recorded ]] || exit 0
  found=$(machine_totals | sort)
  [[ $recorded != "$found" ]] || exit 0

  target=$ROOT$BACKUP_DIR/memory_manager_state.$(date +%Y%m%dT%H%M%S)
  mkdir -p "\${target%/*}"
  mv "$ROOT$STATE" "$target"
  printf 'memory-manager-guard: %s\n' >&2 \
    "the NUMA memory changed since the kubelet wrote $STATE; moved it to \${target#"$ROOT"}"
  printf 'memory-manager-guard: recorded: %s\n' "\${recorded//$'\n'/, }" >&2
  printf 'memory-manager-guard: now:      %s\n' "\${found//$'\n'/, }" >&2
}

main "$@"
`;
}
