import { NodeContext, ScriptSection } from './context';
import { memoryGuardValues, usesStaticMemoryManager } from './memory-guard';
import { FORMS } from './safe-values';
import { bash, bashArray, bashConst, bashText } from './shell';
import { toBlockYaml } from '../yaml-block';

/**
 * Keys whose change makes the kubelet refuse its CPU manager checkpoint
 * (`cpu_manager_state`): the policy, its options and the reserved CPUs ("not all
 * reserved cpus ... are present in defaultCpuSet").
 */
export const CPU_STATE_KEYS = ['cpuManagerPolicy', 'cpuManagerPolicyOptions', 'reservedSystemCPUs'];

/**
 * Keys whose change makes the kubelet refuse its memory manager checkpoint
 * (`memory_manager_state`): the policy and every input of the reserved memory.
 */
export const MEMORY_STATE_KEYS = [
  'memoryManagerPolicy', 'reservedMemory', 'kubeReserved', 'systemReserved', 'evictionHard',
];

/**
 * Where bootstrap.sh records a kubelet restart that waits for a drained node, with
 * its reasons and the stale checkpoints to remove, until a `--drained` run does it.
 */
export function kubeletRestartRecordPath(pool: string): string {
  return `/var/lib/vhost-user-k8s/${pool}/pending-kubelet-restart`;
}

/** The planned kubelet keys as plain JSON data (sizes and CPU sets become text). */
export function kubeletFragment(ctx: NodeContext): Record<string, unknown> {
  return JSON.parse(JSON.stringify(ctx.plan.kubelet.config)) as Record<string, unknown>;
}

/** The readable fragment: `nodes/<pool>/kubelet-config.yaml`. */
export function kubeletFragmentFile(ctx: NodeContext): string {
  return `# KubeletConfiguration keys of node pool "${ctx.plan.name}". bootstrap.sh merges them
# into ${ctx.plan.kubelet.configPath}: these keys are set, every other key is kept.
${toBlockYaml(kubeletFragment(ctx), { lineWidth: 80 })}`;
}

/**
 * Step 6: the planned keys merged into the kubelet's configuration file with
 * python3 and PyYAML (checked by the preflight), the stale checkpoints removed,
 * and the kubelet restarted, all only on a drained node (`--drained`). A restart
 * that has to wait is recorded on the node (see {@link kubeletRestartRecordPath}).
 */
export function kubeletSection(ctx: NodeContext): ScriptSection {
  const configPath = ctx.safe.check(`${ctx.specPath}.kubelet.configPath`,
    ctx.plan.kubelet.configPath, FORMS.absolutePath);
  ctx.safe.check('kubeletRootDir', ctx.kubeletRootDir, FORMS.absolutePath);
  const values = [
    bashConst('KUBELET_CONFIG_PATH', configPath),
    bashConst('KUBELET_ROOT_DIR', ctx.kubeletRootDir),
    bashText('KUBELET_FRAGMENT', `${JSON.stringify(kubeletFragment(ctx), null, 2)}\n`),
    bashArray('CPU_STATE_KEYS', CPU_STATE_KEYS),
    bashArray('MEMORY_STATE_KEYS', MEMORY_STATE_KEYS),
    bashText('KUBELET_MERGE_PY', MERGE_PY),
    // The pool name is a DNS label (checked by the preflight step), so the path is plain.
    bashConst('KUBELET_RESTART_RECORD', kubeletRestartRecordPath(ctx.plan.name)),
    bashConst('MEMORY_GUARD', usesStaticMemoryManager(ctx) ? 1 : 0),
    ...memoryGuardValues(ctx),
  ].join('\n');
  return { values, functions: FUNCTIONS };
}

/**
 * Merges the plan into a KubeletConfiguration. `diff` prints one line per planned
 * leaf that differs (`name<TAB>found<TAB>planned`, JSON values); `write` prints
 * the merged YAML. Maps merge key by key; lists and scalars are replaced. Values
 * compare by JSON text, so `1` and `true` differ as the kubelet's types do.
 */
const MERGE_PY = `import json, re, sys
import yaml

mode, path, plan = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
try:
    with open(path) as f:
        config = yaml.safe_load(f)
except yaml.YAMLError as error:
    sys.exit("cannot read %s as YAML: %s" % (path, error))
if config is None:
    config = {}
if not isinstance(config, dict):
    sys.exit("%s does not hold a YAML mapping" % path)

def name(keys):
    out = keys[0]
    for key in keys[1:]:
        out += "." + key if re.match(r"^[A-Za-z0-9_-]+$", key) else "[%s]" % json.dumps(key)
    return out

def text(value):
    return json.dumps(value, sort_keys=True)

changes = []

def merge(current, planned, keys):
    merged = dict(current)
    for key, value in planned.items():
        here = keys + [key]
        if isinstance(value, dict) and isinstance(current.get(key), dict):
            merged[key] = merge(current[key], value, here)
            continue
        if key not in current:
            changes.append((name(here), "unset", text(value)))
        elif text(current[key]) != text(value):
            changes.append((name(here), text(current[key]), text(value)))
        merged[key] = value
    return merged

merged = merge(config, plan, [])
if mode == "diff":
    for change in changes:
        print("\\t".join(change))
else:
    sys.stdout.write(yaml.safe_dump(merged, default_flow_style=False, sort_keys=False))
`;

const FUNCTIONS = bash`# The kubelet configuration is YAML its user may have edited: it is merged key by key,
# never appended to (a second "cpuManagerPolicy:" appended with cat >> leaves the
# file with duplicate keys). bash reads no YAML, so python3 with PyYAML merges it; both
# come with cloud-init on most distributions, and the preflight checks for them.
kubelet_merge() {
  "$PYTHON3" -c "$KUBELET_MERGE_PY" "$1" "$2" "$KUBELET_FRAGMENT"
}

kubelet_config() {
  local file=$ROOT$KUBELET_CONFIG_PATH diff subject found planned content
  [[ -f $file ]] ||
    die "no kubelet configuration at $KUBELET_CONFIG_PATH: join the node to the cluster" \
      "first, or set kubelet.configPath to the file the kubelet reads (its --config)"
  if ((MEMORY_GUARD)); then
    install_unit_file "$MEMORY_GUARD_PATH" 0755 "$MEMORY_GUARD_SCRIPT" memory-manager-guard.sh
    install_unit_file "/etc/systemd/system/$MEMORY_GUARD_UNIT" 0644 "$MEMORY_GUARD_UNIT_TEXT" \
      "$MEMORY_GUARD_UNIT"
    enable_unit "$MEMORY_GUARD_UNIT"
  fi

  diff=$(kubelet_merge diff "$file")
  [[ -n $diff ]] || return 0
  if [[ $MODE == apply ]] && ((!DRAINED)); then
    while IFS=$'\t' read -r subject found planned; do
      printf 'pending: kubelet: %s from %s to %s\n' "$subject" "$found" "$planned"
    done <<<"$diff"
    PENDING+=("the kubelet configuration")
    return 0
  fi
  while IFS=$'\t' read -r subject found planned; do
    change kubelet "$subject" "$found" "$planned" || true
    mark_stale_state "\${subject%%[.[]*}"
  done <<<"$diff"
  [[ $MODE == apply ]] || return 0

  content=$(kubelet_merge write "$file")
  write_file "$file" "$(stat -c %a "$file")" "$content"$'\n'
  needs_kubelet_restart "its configuration changed"
}

# The kubelet refuses a CPU or memory manager checkpoint written under another
# policy or reservation and asks to "drain node and remove policy state file"
# (kubernetes pkg/kubelet/cm/cpumanager/cpu_manager.go, memorymanager/memory_manager.go):
# the file goes, while the kubelet is stopped.
mark_stale_state() {
  if [[ -n $(index_of "$1" "\${CPU_STATE_KEYS[@]}") ]]; then
    STALE_STATE+=(cpu_manager_state)
  fi
  if [[ -n $(index_of "$1" "\${MEMORY_STATE_KEYS[@]}") ]]; then
    STALE_STATE+=(memory_manager_state)
  fi
}

remove_state() {
  local file=$ROOT$KUBELET_ROOT_DIR/$1
  [[ -e $file ]] || return 0
  backup_file "$file"
  rm -f "$file"
  printf 'change: kubelet: %s removed\n' "$KUBELET_ROOT_DIR/$1"
}

# Whether kubectl can read this node; says once why the Kubernetes checks are skipped.
have_kubectl() {
  if [[ -z $KUBECTL_OK ]]; then
    KUBECTL_OK=no
    if command -v "$KUBECTL" >/dev/null &&
      "$KUBECTL" get node "$NODE_NAME" -o name >/dev/null 2>&1; then
      KUBECTL_OK=yes
    else
      note "skipped the checks through the Kubernetes API:" \
        "kubectl or its credentials cannot read node $NODE_NAME here"
    fi
  fi
  [[ $KUBECTL_OK == yes ]]
}

# The kubelet reads hugepage capacity only when it starts: the node's reported
# capacity must equal what sysfs holds now.
kubelet_capacity() {
  local i total=0 found held resource
  have_kubectl || return 0
  for i in "\${!NUMA_NODE_IDS[@]}"; do
    total=$((total + $(<"$(node_hugepages_file "\${NUMA_NODE_IDS[i]}")")))
  done
  held=$(bytes_quantity $((total * HUGEPAGE_KIB * 1024)))
  resource=hugepages-$HUGEPAGE_QUANTITY
  found=$("$KUBECTL" get node "$NODE_NAME" -o "jsonpath={.status.capacity.$resource}")
  [[ $(quantity_bytes "$found") != $((total * HUGEPAGE_KIB * 1024)) ]] || return 0
  if [[ $MODE == apply ]]; then
    needs_kubelet_restart "its $resource capacity is $(shown "$found"), sysfs holds $held"
  else
    # Not a plan value: the hugepages step compares sysfs with the plan.
    mismatch kubelet "capacity $resource of node $NODE_NAME" "$(shown "$found")" \
      "but sysfs holds $(shown "$held") now, and the kubelet reads it only when it" \
      "starts: restart the kubelet on the drained node (bootstrap.sh --drained)"
  fi
}

bytes_quantity() {
  local n=$1 unit
  for unit in '' Ki Mi Gi Ti; do
    if ((n == 0 || n % 1024 != 0)) || [[ $unit == Ti ]]; then
      printf '%s%s' "$n" "$unit"
      return 0
    fi
    n=$((n / 1024))
  done
}

quantity_bytes() {
  [[ $1 =~ ^([0-9]+)(Ki|Mi|Gi|Ti)?$ ]] || return 0
  local n=\${BASH_REMATCH[1]}
  case \${BASH_REMATCH[2]} in
    Ki) n=$((n * 1024)) ;;
    Mi) n=$((n * 1024 ** 2)) ;;
    Gi) n=$((n * 1024 ** 3)) ;;
    Ti) n=$((n * 1024 ** 4)) ;;
  esac
  printf '%s' "$n"
}

# A kubelet restart is recorded on the node as soon as it is needed, with the stale
# checkpoints to remove, and forgotten only once done: a later run may find nothing
# left to change (the hugepages this run set stay set), yet the kubelet still reports
# the capacity it read when it started. A restart done by hand is not seen; the next
# bootstrap.sh --drained restarts the kubelet once more and clears the record.
needs_kubelet_restart() {
  KUBELET_RESTART_REASONS+=("$*")
  [[ $MODE == apply ]] || return 0
  record_kubelet_restart
}

record_kubelet_restart() {
  local file=$ROOT$KUBELET_RESTART_RECORD content item tmp
  content="# bootstrap.sh of node pool \"$POOL\" (vhost-user-k8s): the kubelet restart that"$'\n'
  content+="# waits for a drained node. bootstrap.sh --drained does it and removes this file."$'\n'
  while IFS= read -r item; do
    content+="reason"$'\t'"$item"$'\n'
  done < <(unique_lines "\${KUBELET_RESTART_REASONS[@]}")
  while IFS= read -r item; do
    content+="state"$'\t'"$item"$'\n'
  done < <(unique_lines "\${STALE_STATE[@]}")
  if [[ -f $file ]] && cmp -s "$file" <(printf '%s' "$content"); then
    return 0
  fi
  mkdir -p "\${file%/*}"
  tmp=$(mktemp "\${file%/*}/.\${file##*/}.XXXXXX")
  printf '%s' "$content" >"$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$file"
}

# The restart an earlier run recorded: drift for --check and verify.sh, part of
# this run's restart otherwise. It runs before the steps that can add to the record,
# which is rewritten whole. Only the checkpoints this script removes are read back.
kubelet_restart_record() {
  local file=$ROOT$KUBELET_RESTART_RECORD kind item
  local -a reasons=()
  [[ -f $file ]] || return 0
  while IFS=$'\t' read -r kind item; do
    case $kind in
      reason) [[ -z $item ]] || reasons+=("$item") ;;
      state)
        case $item in
          cpu_manager_state | memory_manager_state) STALE_STATE+=("$item") ;;
        esac
        ;;
    esac
  done <"$file"
  ((\${#reasons[@]} > 0)) || reasons=("recorded in $KUBELET_RESTART_RECORD")
  if [[ $MODE == check ]]; then
    change kubelet restart "pending ($(join_by '; ' "\${reasons[@]}"))" \
      "done (bootstrap.sh --drained)" || true
    return 0
  fi
  KUBELET_RESTART_REASONS+=("\${reasons[@]}")
}

# Stops the kubelet, removes the stale checkpoints and starts it again, on a drained
# node only; otherwise leaves the restart, recorded, to a run with --drained.
restart_kubelet() {
  local state
  local -a reasons=() states=()
  ((\${#KUBELET_RESTART_REASONS[@]} > 0)) || return 0
  mapfile -t reasons < <(unique_lines "\${KUBELET_RESTART_REASONS[@]}")
  if ((!DRAINED)); then
    PENDING+=("the kubelet restart ($(join_by '; ' "\${reasons[@]}"))")
    return 0
  fi
  "$SYSTEMCTL" stop kubelet
  mapfile -t states < <(unique_lines "\${STALE_STATE[@]}")
  for state in "\${states[@]}"; do
    remove_state "$state"
  done
  "$SYSTEMCTL" start kubelet
  rm -f "$ROOT$KUBELET_RESTART_RECORD"
  printf 'change: kubelet: restarted (%s)\n' "$(join_by '; ' "\${reasons[@]}")"
}
`;
