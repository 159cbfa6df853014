import { NodeContext, ScriptSection } from './context';
import { FORMS } from './safe-values';
import { bash, bashArray, bashConst } from './shell';

/**
 * Keys ovs-vswitchd reads only when DPDK starts: changing one on a running DPDK
 * needs a restart (ovs-vswitchd.conf.db(5), table Open_vSwitch, other_config).
 */
export const OVS_KEYS_READ_AT_DPDK_START = [
  'dpdk-init', 'dpdk-lcore-mask', 'dpdk-socket-mem', 'dpdk-socket-limit', 'dpdk-alloc-mem',
  'dpdk-hugepage-dir', 'dpdk-extra', 'dpdk-multi-seg-mbufs', 'dpdk-probe-at-init',
  'per-port-memory', 'shared-mempool-config', 'userspace-tso-enable', 'vhost-sock-dir',
  'vhost-iommu-support', 'vhost-postcopy-support',
];

/** The planned `other_config` as `key=value` words, each checked. */
function otherConfig(ctx: NodeContext): string[] {
  return ctx.plan.ovs.otherConfig.map(([key, value], i) => {
    const where = `${ctx.specPath}.ovs (other_config[${i}])`;
    ctx.safe.check(where, key, FORMS.ovsKey);
    ctx.safe.check(where, value, FORMS.ovsValue);
    return `${key}=${value}`;
  });
}

/**
 * Step 5, Userspace CNI path: `Open_vSwitch . other_config`, the `netdev` bridge
 * and its DPDK ports, then what ovs-vswitchd made of them.
 */
export function ovsSection(ctx: NodeContext): ScriptSection {
  const bridge = ctx.plan.ovs.bridge;
  if (bridge) {
    ctx.safe.check('userspaceCni.bridge', bridge.name, FORMS.ovsName);
    bridge.ports.forEach((p, i) =>
      ctx.safe.check(`${ctx.specPath}.nics[${i}].port`, p.name, FORMS.ovsName));
  }
  const values = [
    bashArray('OVS_OTHER_CONFIG', otherConfig(ctx)),
    bashArray('OVS_KEYS_READ_AT_DPDK_START', OVS_KEYS_READ_AT_DPDK_START),
    bashConst('OVS_BRIDGE', bridge?.name ?? ''),
    bashConst('OVS_FAIL_MODE', bridge?.failMode ?? 'standalone'),
    bashConst('OVS_MTU', ctx.plan.ovs.mtu),
    bashArray('DPDK_PORTS', bridge?.ports.map((p) => p.name) ?? []),
    bashArray('DPDK_PORT_PCI', bridge?.ports.map((p) => p.pci.toString()) ?? []),
  ].join('\n');
  return { values, functions: FUNCTIONS };
}

/** The readable copy: `nodes/<pool>/ovs-other-config.txt`. */
export function ovsOtherConfigFile(ctx: NodeContext): string {
  const bridge = ctx.plan.ovs.bridge;
  const lines = [
    `# Open_vSwitch . other_config of node pool "${ctx.plan.name}", set by bootstrap.sh with`,
    '# ovs-vsctl in this order. Keys not listed here are left as they are.',
    ...otherConfig(ctx),
  ];
  if (bridge) {
    lines.push(
      '#',
      `# Bridge ${bridge.name}: datapath_type=netdev fail_mode=${bridge.failMode}`,
      ...bridge.ports.map((p) =>
        `# Port ${p.name}: type=dpdk options:dpdk-devargs=${p.pci} ` +
        `mtu_request=${ctx.plan.ovs.mtu}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

const FUNCTIONS = bash`vsctl() {
  "$OVS_VSCTL" --timeout="$OVS_TIMEOUT" "$@"
}

# One value of the OVS database as plain text. ovs-vsctl prints a string in double
# quotes (with backslash escapes) unless it is a plain word, an empty set as [], and
# nothing at all for a missing record or map key (with --if-exists).
ovs_get() {
  local value
  value=$(vsctl --if-exists get "$@")
  case $value in
    '[]') value='' ;;
    \"*\")
      value=\${value:1:-1}
      value=\${value//\\\"/\"}
      value=\${value//\\\\/\\}
      ;;
  esac
  printf '%s' "$value"
}

# A value in ovs-vsctl's syntax: a plain word as it is, anything else in quotes.
ovs_atom() {
  if [[ $1 =~ ^[A-Za-z0-9_.:/-]+$ ]]; then
    printf '%s' "$1"
  else
    printf '"%s"' "$1"
  fi
}

ovs_dpdk() {
  if [[ -n \${VHOST_USER_TEST_DEVARGS:-} ]]; then
    warn "VHOST_USER_TEST_DEVARGS is set: DPDK ports use test devices in place of their NICs"
  fi
  ovs_other_config
  if [[ -n $OVS_BRIDGE ]]; then
    ovs_bridge
    ovs_ports
  fi
  if [[ $MODE == apply ]]; then
    ovs_health
  fi
}

ovs_other_config() {
  local pair key value found initialized
  local -a updates=() restart=()
  initialized=$(ovs_get Open_vSwitch . dpdk_initialized)
  for pair in "\${OVS_OTHER_CONFIG[@]}"; do
    key=\${pair%%=*}
    value=\${pair#*=}
    found=$(ovs_get Open_vSwitch . "other_config:$key")
    if [[ $found == "$value" ]] ||
      ! change ovs "other_config:$key" "$(shown "$found")" "$(shown "$value")"; then
      continue
    fi
    updates+=("other_config:$key=$(ovs_atom "$value")")
    if [[ $initialized == true ]] &&
      [[ -n $(index_of "$key" "\${OVS_KEYS_READ_AT_DPDK_START[@]}") ]]; then
      restart+=("$key")
    fi
  done
  ((\${#updates[@]} > 0)) || return 0

  backup_text ovs-other_config "$(vsctl get Open_vSwitch . other_config)"
  vsctl --no-wait set Open_vSwitch . "\${updates[@]}"
  if ((\${#restart[@]} > 0)); then
    notice "restart ovs-vswitchd (systemctl restart openvswitch-switch) to apply" \
      "\${restart[*]}: DPDK reads them only when it starts"
  fi
}

ovs_bridge() {
  if vsctl br-exists "$OVS_BRIDGE"; then
    ovs_ensure Bridge "$OVS_BRIDGE" datapath_type netdev
    ovs_ensure Bridge "$OVS_BRIDGE" fail_mode "$OVS_FAIL_MODE"
  elif change ovs "bridge $OVS_BRIDGE" absent "datapath_type=netdev fail_mode=$OVS_FAIL_MODE"; then
    vsctl add-br "$OVS_BRIDGE" -- \
      set Bridge "$OVS_BRIDGE" datapath_type=netdev "fail_mode=$OVS_FAIL_MODE"
  fi
}

# Sets one column of a record to the plan's value when it differs.
ovs_ensure() {
  local table=$1 record=$2 column=$3 value=$4 found
  found=$(ovs_get "$table" "$record" "$column")
  if [[ $found != "$value" ]] &&
    change ovs "$table $record $column" "$(shown "$found")" "$(shown "$value")"; then
    vsctl set "$table" "$record" "$column=$(ovs_atom "$value")"
  fi
}

ovs_ports() {
  local i port devargs bridge
  for i in "\${!DPDK_PORTS[@]}"; do
    port=\${DPDK_PORTS[i]}
    devargs=$(port_devargs "$i")
    bridge=$(vsctl port-to-br "$port" 2>/dev/null || true)
    if [[ -z $bridge ]]; then
      if change ovs "port $port" absent \
        "type=dpdk options:dpdk-devargs=$devargs on $OVS_BRIDGE"; then
        vsctl add-port "$OVS_BRIDGE" "$port" -- set Interface "$port" type=dpdk \
          "options:dpdk-devargs=$(ovs_atom "$devargs")" "mtu_request=$OVS_MTU"
      fi
      continue
    fi
    if [[ $bridge != "$OVS_BRIDGE" ]] &&
      change ovs "bridge of port $port" "$(shown "$bridge")" "$(shown "$OVS_BRIDGE")"; then
      vsctl del-port "$bridge" "$port" -- add-port "$OVS_BRIDGE" "$port"
    fi
    ovs_ensure Interface "$port" type dpdk
    ovs_ensure Interface "$port" options:dpdk-devargs "$devargs"
    ovs_ensure Interface "$port" mtu_request "$OVS_MTU"
  done
}

# Tests only: a sandbox has no PCI NIC to give DPDK, so VHOST_USER_TEST_DEVARGS
# ("port=devargs ...") names a DPDK virtual device (net_null0) for a port instead.
port_devargs() {
  local port=\${DPDK_PORTS[$1]} entry
  local -a entries
  read -ra entries <<<"\${VHOST_USER_TEST_DEVARGS:-}"
  for entry in "\${entries[@]}"; do
    if [[ \${entry%%=*} == "$port" ]]; then
      [[ \${entry#*=} =~ ^[A-Za-z0-9_.,:=/-]+$ ]] ||
        die "VHOST_USER_TEST_DEVARGS: cannot use '$entry'"
      printf '%s' "\${entry#*=}"
      return 0
    fi
  done
  printf '%s' "\${DPDK_PORT_PCI[$1]}"
}

# ovs-vsctl exits 0 even when ovs-vswitchd cannot start DPDK or open a port, so the
# outcome is read back: dpdk_initialized, iface_types, Interface error and ofport
# (ovs-vswitchd.conf.db(5), table Interface; seen with OVS 3.1).
ovs_health() {
  local found port
  if [[ $MODE == apply ]]; then
    vsctl wait-until Open_vSwitch . dpdk_initialized=true >/dev/null 2>&1 || true
  fi
  found=$(ovs_get Open_vSwitch . dpdk_initialized)
  [[ $found == true ]] ||
    fault ovs dpdk_initialized "$(shown "$found")" '"true"' \
      "ovs-vswitchd has not started DPDK: read its log" \
      "(Cannot init EAL, No free hugepages) and restart it"
  found=$(vsctl get Open_vSwitch . iface_types)
  [[ $found =~ [[:space:][]dpdk[],] ]] ||
    fault ovs iface_types "$found" "with dpdk" \
      "this ovs-vswitchd is built without DPDK: install openvswitch-switch-dpdk and select" \
      "it (update-alternatives --set ovs-vswitchd" \
      "/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk)"
  for port in "\${DPDK_PORTS[@]}"; do
    found=$(ovs_get Interface "$port" error)
    [[ -z $found ]] ||
      fault ovs "error of interface $port" "$(shown "$found")" unset \
        "ovs-vswitchd could not open the port: check the NIC binding and its log"
    found=$(ovs_get Interface "$port" ofport)
    [[ $found != -1 ]] ||
      fault ovs "ofport of interface $port" '"-1"' "a port number" \
        "ovs-vswitchd could not open the port: read its error column and its log"
  done
}
`;
