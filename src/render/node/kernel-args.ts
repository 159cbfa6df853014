import { NodeContext, ScriptSection } from './context';
import { FORMS } from './safe-values';
import { bash, bashArray, bashConst } from './shell';
import { Size } from '../../model/size';

/** The planned kernel arguments, split the way the merge on the node reads them. */
export interface KernelArgs {
  /** Arguments other than hugepage pairs, keyed by name (`-` read as `_`). */
  readonly singles: ReadonlyArray<{ readonly key: string; readonly arg: string }>;
  /** `hugepagesz=<size> hugepages=<count>` pairs, with the size in KiB. */
  readonly pages: ReadonlyArray<{ readonly kib: number; readonly arg: string }>;
  /** `default_hugepagesz` in KiB, when the plan sets it. */
  readonly defaultPageKib?: number;
}

/** The kernel's default hugepage size when no `default_hugepagesz=` is given. */
const DEFAULT_PAGE_KIB: Record<string, number> = { x86_64: 2048, aarch64: 2048 };

/**
 * Splits the plan's arguments into single arguments and hugepage pairs. The kernel
 * gives each `hugepages=` count to the `hugepagesz=` just before it (or to the
 * default size when there is none), so a pair is one unit and never two keys.
 *
 * @see https://docs.kernel.org/admin-guide/mm/hugetlbpage.html
 */
export function splitKernelArgs(ctx: NodeContext): KernelArgs {
  const { plan, safe, specPath } = ctx;
  const singles: Array<{ key: string; arg: string }> = [];
  const pages: Array<{ kib: number; arg: string }> = [];
  let defaultPageKib: number | undefined;
  const args = plan.kernel.args;
  args.forEach((arg, i) => safe.check(`${specPath} kernel.args[${i}]`, arg, FORMS.kernelArg));

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const key = argKey(arg);
    const value = arg.slice(arg.indexOf('=') + 1);
    if (key === 'hugepagesz') {
      const next = args[i + 1];
      const count = next !== undefined && argKey(next) === 'hugepages' ? next : undefined;
      pages.push({ kib: kib(value), arg: count ? `${arg} ${count}` : arg });
      i += count ? 1 : 0;
    } else if (key === 'hugepages') {
      const size = defaultPageKib ?? plan.hugepages.size.bytes / 1024;
      pages.push({ kib: size, arg: `hugepagesz=${Size.kibibytes(size).toKernel()} ${arg}` });
    } else {
      if (key === 'default_hugepagesz') {
        defaultPageKib = kib(value);
      }
      singles.push({ key, arg });
    }
  }
  return { singles, pages, defaultPageKib };
}

/** The name of a kernel argument as the kernel compares it: `-` and `_` alike. */
export function argKey(arg: string): string {
  const eq = arg.indexOf('=');
  return (eq < 0 ? arg : arg.slice(0, eq)).replace(/-/g, '_');
}

function kib(kernelSize: string): number {
  return Size.fromKernel(kernelSize).bytes / 1024;
}

/** Step 2: the kernel arguments, merged into GRUB's defaults once. */
export function kernelArgsSection(ctx: NodeContext): ScriptSection {
  const split = splitKernelArgs(ctx);
  const values = [
    bashArray('KERNEL_ARGS', ctx.plan.kernel.args),
    bashArray('KERNEL_SINGLE_KEYS', split.singles.map((s) => s.key)),
    bashArray('KERNEL_SINGLE_ARGS', split.singles.map((s) => s.arg)),
    bashArray('KERNEL_PAGE_KIB', split.pages.map((p) => p.kib)),
    bashArray('KERNEL_PAGE_ARGS', split.pages.map((p) => p.arg)),
    bashConst('KERNEL_DEFAULT_PAGE_KIB', split.defaultPageKib ?? ''),
    bashConst('ARCH_DEFAULT_PAGE_KIB', DEFAULT_PAGE_KIB[ctx.plan.topology.architecture] ?? ''),
    bashConst('KERNEL_IOMMU', ctx.plan.kernel.iommu ? 1 : 0),
  ].join('\n');
  return { values, functions: FUNCTIONS };
}

/** The readable copy of the arguments: `nodes/<pool>/kernel-args.txt`. */
export function kernelArgsFile(ctx: NodeContext): string {
  return [
    `# Kernel arguments of node pool "${ctx.plan.name}". bootstrap.sh merges them into`,
    '# GRUB_CMDLINE_LINUX of /etc/default/grub: a planned argument replaces the old value',
    '# of its name, hugepagesz=/hugepages= pairs are replaced by page size, and every',
    '# other argument is kept. They take effect at the next boot.',
    ctx.plan.kernel.args.join(' '),
    '',
  ].join('\n');
}

const FUNCTIONS = bash`readonly GRUB_DEFAULTS=/etc/default/grub

kernel_args() {
  local file=$ROOT$GRUB_DEFAULTS current merged content
  local -a update
  [[ -f $file ]] ||
    die "$GRUB_DEFAULTS not found: this script sets kernel arguments through GRUB;" \
      "on another boot loader add them by hand: \${KERNEL_ARGS[*]}"
  refuse_args_in_cmdline_default
  current=$(grub_cmdline "$file")
  merged=$(merge_kernel_args "$current")

  if [[ $merged != "$current" ]] &&
    change kernel GRUB_CMDLINE_LINUX "\"$current\"" "\"$merged\""; then
    read -ra update <<<"$UPDATE_GRUB"
    command -v "\${update[0]}" >/dev/null ||
      die "\${update[0]} not found: set UPDATE_GRUB to the command that writes grub.cfg" \
        "(for example 'grub2-mkconfig -o /boot/grub2/grub.cfg')"
    content=$(grub_with_cmdline "$file" "$merged")
    write_file "$file" "$(stat -c %a "$file")" "$content"$'\n'
    "\${update[@]}"
  fi

  [[ $MODE == apply ]] || return 0
  if [[ -n $(running_kernel_lacks) ]]; then
    needs_reboot "the running kernel lacks $(running_kernel_lacks | paste -sd ' ')"
  elif ((KERNEL_IOMMU)) && ! compgen -G "$ROOT/sys/kernel/iommu_groups/*" >/dev/null; then
    notice "the kernel runs with the IOMMU arguments but has no IOMMU groups:" \
      "turn on VT-d (Intel) or AMD-Vi in the firmware setup"
  fi
}

# The value of the last GRUB_CMDLINE_LINUX= line, without its quotes.
grub_cmdline() {
  local line
  line=$(grep -E '^[[:space:]]*GRUB_CMDLINE_LINUX=' "$1" | tail -n 1 || true)
  line=\${line#*=}
  if [[ $line == \"*\" || $line == \'*\' ]]; then
    line=\${line:1:-1}
  fi
  [[ $line != *[\"\'\$\\\`]* ]] ||
    die "GRUB_CMDLINE_LINUX in $1 holds quotes or expansions ($line): this script" \
      "edits only a plain list of arguments; simplify the line by hand"
  printf '%s' "$line"
}

# The file with its last GRUB_CMDLINE_LINUX= line set to <value> (added when missing).
grub_with_cmdline() {
  local file=$1 value=$2 last=-1 i
  local -a lines
  mapfile -t lines <"$file"
  for i in "\${!lines[@]}"; do
    [[ \${lines[i]} =~ ^[[:space:]]*GRUB_CMDLINE_LINUX= ]] && last=$i
  done
  if ((last < 0)); then
    lines+=("GRUB_CMDLINE_LINUX=\"$value\"")
  else
    lines[last]="GRUB_CMDLINE_LINUX=\"$value\""
  fi
  printf '%s\n' "\${lines[@]}"
}

# GRUB puts GRUB_CMDLINE_LINUX_DEFAULT after GRUB_CMDLINE_LINUX on the normal boot
# entry (grub-mkconfig, 10_linux), and the kernel keeps the last value of a repeated
# argument: a planned key set there would silently win over the plan.
refuse_args_in_cmdline_default() {
  local file line word
  local -a words
  for file in "$ROOT$GRUB_DEFAULTS" "$ROOT$GRUB_DEFAULTS".d/*.cfg; do
    [[ -f $file ]] || continue
    while IFS= read -r line; do
      line=\${line#*=}
      line=\${line//[\"\']/}
      read -ra words <<<"$line"
      for word in "\${words[@]}"; do
        ! is_planned_key "$(arg_key "$word")" ||
          die "GRUB_CMDLINE_LINUX_DEFAULT in \${file#"$ROOT"} sets $word, which the plan" \
            "manages in GRUB_CMDLINE_LINUX: remove it from GRUB_CMDLINE_LINUX_DEFAULT"
      done
    done < <(grep -E '^[[:space:]]*GRUB_CMDLINE_LINUX_DEFAULT=' "$file" || true)
  done
}

# The name of a kernel argument as the kernel compares it: "-" and "_" alike.
arg_key() {
  local key=\${1%%=*}
  printf '%s' "\${key//-/_}"
}

is_planned_key() {
  case $1 in
    hugepagesz | hugepages | default_hugepagesz) return 0 ;;
  esac
  [[ -n $(index_of "$1" "\${KERNEL_SINGLE_KEYS[@]}") ]]
}

# A kernel size (memparse: a number with an optional K, M, G or T) in KiB.
kernel_size_kib() {
  local value=\${1,,}
  [[ $value =~ ^([0-9]+)([kmgt]?)$ ]] || return 0
  local n=\${BASH_REMATCH[1]}
  case \${BASH_REMATCH[2]} in
    '') printf '%s' $((n / 1024)) ;;
    k) printf '%s' "$n" ;;
    m) printf '%s' $((n * 1024)) ;;
    g) printf '%s' $((n * 1024 * 1024)) ;;
    t) printf '%s' $((n * 1024 * 1024 * 1024)) ;;
  esac
}

kib_to_kernel() {
  if (($1 % (1024 * 1024) == 0)); then
    printf '%sG' $(($1 / 1024 / 1024))
  elif (($1 % 1024 == 0)); then
    printf '%sM' $(($1 / 1024))
  else
    printf '%sK' "$1"
  fi
}

# Merges the plan into a kernel command line. A planned argument replaces the first
# argument of its name, in place, and drops the repeats; hugepagesz=/hugepages= pairs
# are replaced by page size. Every other argument stays where it is, and what is
# left of the plan goes at the end. Merging a merged line changes nothing.
merge_kernel_args() {
  local -a words out=()
  local -A placed=()
  local i j word key size item last_kib='' lone_kib
  read -ra words <<<"$1"
  lone_kib=$(current_default_page_kib "\${words[@]}")

  for ((i = 0; i < \${#words[@]}; i++)); do
    word=\${words[i]}
    key=$(arg_key "$word")
    case $key in
      hugepagesz)
        size=$(kernel_size_kib "\${word#*=}")
        last_kib=$size
        item=$word
        if [[ $(arg_key "\${words[i + 1]:-}") == hugepages ]]; then
          i=$((i + 1))
          item+=" \${words[i]}"
        fi
        ;;
      hugepages)
        # A count with no hugepagesz= before it is for the default page size.
        size=\${last_kib:-$lone_kib}
        item=$word
        if [[ -z $last_kib ]] && default_page_changes "$lone_kib"; then
          item="hugepagesz=$(kib_to_kernel "$lone_kib") $word"
        fi
        ;;
      *)
        j=$(index_of "$key" "\${KERNEL_SINGLE_KEYS[@]}")
        if [[ -z $j ]]; then
          out+=("$word")
        elif [[ -z \${placed[$key]:-} ]]; then
          out+=("\${KERNEL_SINGLE_ARGS[j]}")
          placed[$key]=1
        fi
        continue
        ;;
    esac
    j=$(index_of "$size" "\${KERNEL_PAGE_KIB[@]}")
    if [[ -z $j || -z $size ]]; then
      out+=("$item")
    elif [[ -z \${placed[page$size]:-} ]]; then
      out+=("\${KERNEL_PAGE_ARGS[j]}")
      placed[page$size]=1
    fi
  done

  for j in "\${!KERNEL_SINGLE_KEYS[@]}"; do
    [[ -n \${placed[\${KERNEL_SINGLE_KEYS[j]}]:-} ]] || out+=("\${KERNEL_SINGLE_ARGS[j]}")
  done
  for j in "\${!KERNEL_PAGE_KIB[@]}"; do
    [[ -n \${placed[page\${KERNEL_PAGE_KIB[j]}]:-} ]] || out+=("\${KERNEL_PAGE_ARGS[j]}")
  done
  printf '%s' "\${out[*]}"
}

# The default page size of a command line in KiB: its last default_hugepagesz=, or
# the architecture's default.
current_default_page_kib() {
  local word kib=$ARCH_DEFAULT_PAGE_KIB
  for word in "$@"; do
    if [[ $(arg_key "$word") == default_hugepagesz ]]; then
      kib=$(kernel_size_kib "\${word#*=}")
    fi
  done
  printf '%s' "$kib"
}

# Whether the plan moves the default page size away from <kib>, so that a lone
# hugepages= must name its size to keep its meaning.
default_page_changes() {
  [[ -n $KERNEL_DEFAULT_PAGE_KIB && $KERNEL_DEFAULT_PAGE_KIB != "$1" ]] || return 1
  [[ -n $1 ]] ||
    die "GRUB_CMDLINE_LINUX has a hugepages= count before any hugepagesz=, and the" \
      "default page size of $EXPECTED_ARCH is unknown here: write its hugepagesz= before it"
}

# The planned arguments the running kernel was not started with, one per line.
running_kernel_lacks() {
  local arg cmdline
  cmdline=" $(<"$ROOT/proc/cmdline") "
  for arg in "\${KERNEL_SINGLE_ARGS[@]}" "\${KERNEL_PAGE_ARGS[@]}"; do
    [[ $cmdline == *" $arg "* ]] || printf '%s\n' "$arg"
  done
}
`;
