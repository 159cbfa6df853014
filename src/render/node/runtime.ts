import { bash } from './shell';

/** The commands a node script runs, each replaceable through the variable of its name. */
export const COMMAND_VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['OVS_VSCTL', 'ovs-vsctl'],
  ['KUBECTL', 'kubectl'],
  ['SYSTEMCTL', 'systemctl'],
  ['UPDATE_GRUB', 'update-grub'],
  ['DRIVERCTL', 'driverctl'],
  ['MODPROBE', 'modprobe'],
  ['PYTHON3', 'python3'],
  ['UNAME', 'uname'],
];

const COMMAND_HELP = COMMAND_VARIABLES
  .map(([name, command]) => `  ${name.padEnd(16)} runs in place of ${command}`)
  .join('\n');

/** The environment block of the header, shared by bootstrap.sh and verify.sh. */
export const ENVIRONMENT_HELP = `\
Environment (for tests and unusual layouts; leave unset on a real node):
  VHOST_USER_ROOT  prefix added to every absolute path (a fake root in tests)
  NODE_NAME        Kubernetes name of this node (default: uname -n)
  OVS_TIMEOUT      seconds ovs-vsctl waits for the database and ovs-vswitchd (30)
${COMMAND_HELP}
  VHOST_USER_TEST_DEVARGS  tests only: "port=devargs ..." gives a DPDK port a virtual
                   device in place of its PCI NIC (a sandbox has no NIC to bind)`;

/**
 * Variables and helpers every node script starts with: the re-rooted paths, the
 * replaceable commands, messages, and how a change is announced (or, with
 * `--check`, reported as drift and left alone).
 */
export function runtimeFunctions(): string {
  const commands = COMMAND_VARIABLES
    .map(([name, command]) => `readonly ${name}=\${${name}:-${command}}`)
    .join('\n');
  return bash`readonly ROOT=\${VHOST_USER_ROOT:-}
${commands}
readonly OVS_TIMEOUT=\${OVS_TIMEOUT:-30}

MODE=apply
DRAINED=0
DRIFTS=0
BACKUP_DIR=''
FILE_CHANGED=0
UNITS_CHANGED=0
KUBECTL_OK=''
NODE_NAME=\${NODE_NAME:-}
declare -a REBOOT_REASONS=() KUBELET_RESTART_REASONS=() STALE_STATE=() NOTICES=() PENDING=()

die() {
  printf '%s: error: %s\n' "$SCRIPT_NAME" "$*" >&2
  exit 1
}

warn() {
  printf '%s: warning: %s\n' "$SCRIPT_NAME" "$*" >&2
}

note() {
  printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2
}

# The index of <value> among the remaining arguments, or nothing.
index_of() {
  local value=$1 i
  shift
  for ((i = 1; i <= $#; i++)); do
    if [[ \${!i} == "$value" ]]; then
      printf '%s' $((i - 1))
      return 0
    fi
  done
}

# The arguments, each once, in the order they first appear, one a line.
unique_lines() {
  local item
  local -a seen=()
  for item in "$@"; do
    [[ -n $(index_of "$item" "\${seen[@]}") ]] || seen+=("$item")
  done
  ((\${#seen[@]} == 0)) || printf '%s\n' "\${seen[@]}"
}

# The remaining arguments joined by <separator>.
join_by() {
  local separator=$1 out='' item
  shift
  for item in "$@"; do
    out+=\${out:+$separator}$item
  done
  printf '%s' "$out"
}

# A value as drift and change lines show it: in double quotes, or "unset".
shown() {
  if [[ -z $1 ]]; then
    printf 'unset'
  else
    printf '"%s"' "$1"
  fi
}

# Announces that <subject> in <area> goes from <found> to <planned>. With --check it
# prints the drift instead and returns 1, so that the caller leaves the node alone.
change() {
  local area=$1 subject=$2 found=$3 planned=$4
  if [[ $MODE == check ]]; then
    printf 'drift: %s: %s is %s, plan %s\n' "$area" "$subject" "$found" "$planned"
    DRIFTS=$((DRIFTS + 1))
    return 1
  fi
  printf 'change: %s: %s from %s to %s\n' "$area" "$subject" "$found" "$planned"
}

# Drift between two things on the node, neither of them a plan value (what the kubelet
# reports against what sysfs holds): <subject> is <found>, then the caller's words.
mismatch() {
  local area=$1 subject=$2 found=$3 rest=\${*:4}
  printf 'drift: %s: %s is %s, %s\n' "$area" "$subject" "$found" "$rest"
  DRIFTS=$((DRIFTS + 1))
}

# A fault that no change can fix (a port OVS refused, a kernel that lacks a page size):
# drift for --check and verify.sh, the end of the run otherwise. The hint is the rest.
fault() {
  local area=$1 subject=$2 found=$3 planned=$4 hint=\${*:5}
  if [[ $MODE == check ]]; then
    printf 'drift: %s: %s is %s, plan %s\n' "$area" "$subject" "$found" "$planned"
    DRIFTS=$((DRIFTS + 1))
    return 0
  fi
  die "$area: $subject is $found, plan $planned. $hint"
}

# The folder of this run's backups, made when the first backup is taken.
backup_dir() {
  if [[ -z $BACKUP_DIR ]]; then
    BACKUP_DIR=$ROOT/var/backups/vhost-user-k8s/$(date +%Y%m%dT%H%M%S).$$
    mkdir -p "$BACKUP_DIR"
    note "backups of what this run changes: $BACKUP_DIR"
  fi
}

# What the end of the run tells the user; each takes the words of one sentence.
notice() {
  NOTICES+=("$*")
}

needs_reboot() {
  REBOOT_REASONS+=("$*")
}

# Copies a file into the backup folder before it is changed or removed.
backup_file() {
  local file=$1 target
  [[ -e $file ]] || return 0
  backup_dir
  target=$BACKUP_DIR/\${file#"$ROOT"/}
  mkdir -p "\${target%/*}"
  cp -a "$file" "$target"
}

# Saves text (database values about to change) into the backup folder.
backup_text() {
  backup_dir
  printf '%s\n' "$2" >"$BACKUP_DIR/$1"
}

# Replaces a file in one rename, after a backup, so that no reader sees half of it.
write_file() {
  local file=$1 mode=$2 content=$3 tmp
  mkdir -p "\${file%/*}"
  backup_file "$file"
  tmp=$(mktemp "\${file%/*}/.\${file##*/}.XXXXXX")
  printf '%s' "$content" >"$tmp"
  chmod "$mode" "$tmp"
  mv -f "$tmp" "$file"
}

# Makes <path> (under the root) hold exactly <content> with <mode>, as in the file
# <shown> of the output folder. Sets FILE_CHANGED.
install_file() {
  local area=$1 path=$2 mode=$3 content=$4 shown_as=$5 file=$ROOT$2 found
  FILE_CHANGED=0
  if [[ -f $file ]] && cmp -s "$file" <(printf '%s' "$content"); then
    found=$(stat -c %a "$file")
    if [[ $found != "\${mode#0}" ]] && change "$area" "mode of $path" "$found" "\${mode#0}"; then
      chmod "$mode" "$file"
    fi
    return 0
  fi
  if [[ -f $file ]]; then found=different; else found=absent; fi
  change "$area" "$path" "$found" "$shown_as" || return 0
  write_file "$file" "$mode" "$content"
  FILE_CHANGED=1
}
`;
}
