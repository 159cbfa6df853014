import { NodeContext, ScriptSection } from './context';
import { bash, bashArray } from './shell';

/**
 * Step 4: the driver of each DPDK NIC. Intel and most NICs leave their kernel
 * driver for `vfio-pci` (with driverctl, which keeps the binding across reboots,
 * or through `driver_override`); Mellanox NICs stay on `mlx5_core`, which DPDK
 * drives alongside the kernel (the bifurcated model), so nothing is rebound.
 *
 * @see https://doc.dpdk.org/guides/linux_gsg/linux_drivers.html
 */
export function nicSection(ctx: NodeContext): ScriptSection {
  const nics = ctx.plan.nics;
  const values = [
    bashArray('NIC_PCI', nics.map((n) => n.pci.toString())),
    bashArray('NIC_DRIVER', nics.map((n) => n.driver)),
    bashArray('NIC_NUMA', nics.map((n) => (n.numaNode === undefined ? '' : `${n.numaNode}`))),
  ].join('\n');
  return { values, functions: FUNCTIONS };
}

const FUNCTIONS = bash`nic_drivers() {
  local i
  for i in "\${!NIC_PCI[@]}"; do
    case \${NIC_DRIVER[i]} in
      vfio-pci) bind_vfio "\${NIC_PCI[i]}" ;;
      mlx5) check_mlx5 "\${NIC_PCI[i]}" ;;
    esac
  done
}

# The kernel driver a PCI device is bound to, or nothing.
pci_driver() {
  local link=$ROOT/sys/bus/pci/devices/$1/driver
  if [[ -L $link ]]; then
    link=$(readlink "$link")
    printf '%s' "\${link##*/}"
  fi
}

bind_vfio() {
  local pci=$1 dev=$ROOT/sys/bus/pci/devices/$1 found
  found=$(pci_driver "$pci")
  if [[ $found == vfio-pci ]]; then
    keep_vfio_override "$pci"
    return 0
  fi
  # vfio-pci refuses a device that is in no IOMMU group; the group appears once the
  # kernel runs with the IOMMU arguments of step 2.
  if [[ ! -e $dev/iommu_group && $MODE != check ]]; then
    needs_reboot "the IOMMU is off: $pci can be bound to vfio-pci after the reboot," \
      "by running bootstrap.sh again"
    return 0
  fi
  change nic "driver of $pci" "$(shown "$found")" '"vfio-pci"' || return 0
  refuse_if_up "$pci"
  [[ -d $ROOT/sys/bus/pci/drivers/vfio-pci ]] || "$MODPROBE" vfio-pci

  if command -v "$DRIVERCTL" >/dev/null; then
    "$DRIVERCTL" set-override "$pci" vfio-pci
  else
    warn "driverctl is not installed: $pci is bound through driver_override," \
      "which a reboot forgets; install driverctl to keep the binding"
    printf 'vfio-pci\n' >"$dev/driver_override"
    if [[ -n $found ]]; then
      printf '%s\n' "$pci" >"$dev/driver/unbind"
    fi
    printf '%s\n' "$pci" >"$ROOT/sys/bus/pci/drivers_probe"
  fi
  found=$(pci_driver "$pci")
  [[ $found == vfio-pci ]] ||
    die "$pci is bound to $(shown "$found") after binding it to vfio-pci: see dmesg for the reason"
}

# A device bound by hand (or by an earlier driver_override) would go back to its
# kernel driver at the next boot unless driverctl records the override.
keep_vfio_override() {
  local pci=$1
  command -v "$DRIVERCTL" >/dev/null || return 0
  "$DRIVERCTL" list-overrides 2>/dev/null | grep -qx "$pci vfio-pci" && return 0
  change nic "driverctl override of $pci" unset '"vfio-pci"' || return 0
  "$DRIVERCTL" set-override "$pci" vfio-pci
}

# Unbinding a NIC the kernel is using takes its addresses and routes with it. A
# virtio-net interface hangs below the virtio device virtio-pci registers under the
# PCI function (<pci>/virtio<N>/net/<ifname>), not in the function's own net/.
refuse_if_up() {
  local pci=$1 dev=$ROOT/sys/bus/pci/devices/$1 netdev name
  for netdev in "$dev"/net/* "$dev"/virtio[0-9]*/net/*; do
    [[ -e $netdev/operstate ]] || continue
    name=\${netdev##*/}
    [[ $(<"$netdev/operstate") != up ]] ||
      die "NIC $pci is the kernel interface $name and it is up: binding it to vfio-pci" \
        "takes it from the kernel. If nothing uses it, run 'ip link set $name down'" \
        "and run bootstrap.sh again"
  done
}

check_mlx5() {
  local pci=$1 found
  found=$(pci_driver "$pci")
  [[ $found == mlx5_core ]] ||
    fault nic "driver of $pci" "$(shown "$found")" '"mlx5_core"' \
      "DPDK's mlx5 driver works through the kernel driver: load mlx5_core" \
      "(modprobe mlx5_core, or install MLNX_OFED) and check lspci -k"
}
`;
