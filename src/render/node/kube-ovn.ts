import { NodeContext, ScriptSection } from './context';
import { FORMS } from './safe-values';
import { bash, bashArray, bashConst, bashText, shellQuote } from './shell';
import { ValueError } from '../../model/errors';
import { PciAddress } from '../../model/pci';
import { KubeOvnNodePlan } from '../../plan/types';

/** The keys `start-ovs-dpdk-v2.sh` reads from `ovs-dpdk-config` under `set -u`. */
const REQUIRED_DPDK_KEYS = ['ENCAP_IP', 'DPDK_DEV'];

/** Keys it reads only while `br-phy` does not exist yet, with their spec defaults. */
const BRIDGE_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['BOND_TYPE', ''],
  ['VLAN_TAG', '0'],
];

function kubeOvnPlan(ctx: NodeContext): KubeOvnNodePlan {
  const plan = ctx.plan.kubeOvn;
  if (!plan) {
    throw new Error(`node pool ${ctx.plan.name} has no Kube-OVN plan: plan the cluster ` +
      'with kubeOvn set before rendering its node files for the Kube-OVN path.');
  }
  return plan;
}

/**
 * `/opt/ovs-config/config.cfg`: one `key=value` per line, each given by Kube-OVN's
 * start script to `ovs-vsctl --no-wait set Open_vSwitch . other_config:<line>` as
 * one unquoted word; values with commas are double-quoted, as in its default file.
 */
export function configCfgFile(ctx: NodeContext): string {
  const lines = kubeOvnPlan(ctx).configCfg.map(([key, raw], i) => {
    const where = `${ctx.specPath} (config.cfg line ${i + 1})`;
    const value = raw.replace(/^"(.*)"$/, '$1');
    ctx.safe.check(where, key, FORMS.ovsKey);
    ctx.safe.check(where, value, FORMS.kubeOvnWord);
    return value.includes(',') ? `${key}="${value}"` : `${key}=${value}`;
  });
  return [
    `# /opt/ovs-config/config.cfg of node pool "${ctx.plan.name}" (vhost-user-k8s).`,
    '# Kube-OVN\'s start-ovs-dpdk-v2.sh sets each line as other_config:<line> when the',
    '# ovs-ovn-dpdk pod starts. A line removed here stays set in the OVS database.',
    ...lines,
    '',
  ].join('\n');
}

/**
 * `/opt/ovs-config/ovs-dpdk-config` of one host. Kube-OVN sources it as bash
 * under `set -u`, so every value is quoted and every key it reads is present.
 */
export function ovsDpdkConfigFile(ctx: NodeContext, hostIndex: number): string {
  const host = kubeOvnPlan(ctx).hosts[hostIndex];
  const where = `${ctx.specPath}.hosts[${hostIndex}]`;
  const pairs = [...host.ovsDpdkConfig];
  for (const key of REQUIRED_DPDK_KEYS) {
    if (!pairs.some(([k]) => k === key)) {
      ctx.safe.refuse(where, host.name, `given ${key} in ovs-dpdk-config`,
        `Kube-OVN's start script stops with "${key}: unbound variable" without it: ` +
        (key === 'ENCAP_IP' ? 'set hosts[].encapIp.' : 'give the node pool a NIC.'));
    }
  }
  for (const [key, value] of BRIDGE_KEYS) {
    if (!pairs.some(([k]) => k === key)) {
      pairs.push([key, value]);
    }
  }
  const lines = pairs.map(([key, value]) => {
    ctx.safe.check(where, key, FORMS.shellVariable);
    if (key === 'ENCAP_IP') {
      ctx.safe.check(`${where}.encapIp`, value, FORMS.interfaceAddress);
    }
    return `${key}=${key === 'DPDK_DEV' ? pciArray(ctx, where, value) : shellQuote(value)}`;
  });
  return [
    `# /opt/ovs-config/ovs-dpdk-config of host "${host.name}", node pool "${ctx.plan.name}"`,
    '# (vhost-user-k8s). Kube-OVN\'s start-ovs-dpdk-v2.sh sources it as bash. It reads',
    '# ENCAP_IP at every start, DPDK_DEV, BOND_TYPE and VLAN_TAG only while it builds br-phy.',
    ...lines,
    '',
  ].join('\n');
}

/** `DPDK_DEV` as a bash array of checked PCI addresses. */
function pciArray(ctx: NodeContext, where: string, value: string): string {
  const words = value.replace(/^\((.*)\)$/, '$1').trim().split(/\s+/);
  const addresses = words.map((word) => {
    try {
      return PciAddress.parse(word).toString();
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      ctx.safe.refuse(`${where} (DPDK_DEV)`, word, 'a PCI address', e.hint);
      return word;
    }
  });
  return `(${addresses.map(shellQuote).join(' ')})`;
}

/** Step 5, Kube-OVN path: the two files its start script reads, and step 7, the label. */
export function kubeOvnSection(ctx: NodeContext): ScriptSection {
  const plan = kubeOvnPlan(ctx);
  const [labelKey, labelValue] = plan.nodeLabel;
  ctx.safe.check('kubeOvn (node label key)', labelKey, FORMS.labelKey);
  ctx.safe.check('kubeOvn (node label value)', labelValue, FORMS.labelValue);
  plan.hosts.forEach((h, i) =>
    ctx.safe.check(`${ctx.specPath}.hosts[${i}].name`, h.name, FORMS.nodeName));
  const values = [
    bashText('KUBE_OVN_CONFIG_CFG', configCfgFile(ctx)),
    bashArray('KUBE_OVN_HOSTS', plan.hosts.map((h) => h.name)),
    ...plan.hosts.map((_, i) => bashText(`KUBE_OVN_DPDK_CONFIG_${i}`, ovsDpdkConfigFile(ctx, i))),
    `readonly -a KUBE_OVN_DPDK_CONFIGS=(${
      plan.hosts.map((_, i) => `"$KUBE_OVN_DPDK_CONFIG_${i}"`).join(' ')})`,
    bashConst('NODE_LABEL_KEY', labelKey),
    bashConst('NODE_LABEL_VALUE', labelValue),
  ].join('\n');
  return { values, functions: FUNCTIONS };
}

const FUNCTIONS = bash`readonly KUBE_OVN_CONFIG_DIR=/opt/ovs-config

kube_ovn_files() {
  local i old pod_restart=0
  i=$(index_of "$NODE_NAME" "\${KUBE_OVN_HOSTS[@]}")
  [[ -n $i ]] ||
    die "this node is $NODE_NAME, which is not a host of pool $POOL (\${KUBE_OVN_HOSTS[*]}):" \
      "set NODE_NAME to its Kubernetes name, or add it to hosts in the spec"

  old=$(cat "$ROOT$KUBE_OVN_CONFIG_DIR/config.cfg" 2>/dev/null || true)
  install_file kube-ovn "$KUBE_OVN_CONFIG_DIR/config.cfg" 0644 "$KUBE_OVN_CONFIG_CFG" \
    "$NODE_FILES/config.cfg"
  if ((FILE_CHANGED)); then
    config_cfg_notices "$old"
    pod_restart=1
  fi

  old=$(cat "$ROOT$KUBE_OVN_CONFIG_DIR/ovs-dpdk-config" 2>/dev/null || true)
  install_file kube-ovn "$KUBE_OVN_CONFIG_DIR/ovs-dpdk-config" 0644 "\${KUBE_OVN_DPDK_CONFIGS[i]}" \
    "$NODE_FILES/hosts/$NODE_NAME/ovs-dpdk-config"
  if ((FILE_CHANGED)); then
    dpdk_config_notices "$old" "\${KUBE_OVN_DPDK_CONFIGS[i]}"
    pod_restart=1
  fi
  if ((pod_restart)); then
    notice "Kube-OVN reads $KUBE_OVN_CONFIG_DIR when the ovs-ovn-dpdk pod starts:" \
      "delete that pod on $NODE_NAME to apply the new files"
  fi
}

# The value of <key>= in the text of a config file (its last assignment).
config_value() {
  local line
  line=$(grep -E "^$1=" <<<"$2" | tail -n 1 || true)
  printf '%s' "\${line#*=}"
}

# Kube-OVN never unsets a key that left config.cfg.
config_cfg_notices() {
  local old=$1 line key
  while IFS= read -r line; do
    [[ $line == [a-z]*=* ]] || continue
    key=\${line%%=*}
    if ! grep -q "^$key=" <<<"$KUBE_OVN_CONFIG_CFG"; then
      notice "$key left config.cfg but stays set in the OVS database: run" \
        "'ovs-vsctl remove Open_vSwitch . other_config $key' in the ovs-ovn-dpdk pod"
    fi
  done <<<"$old"
}

# start-ovs-dpdk-v2.sh reads DPDK_DEV, BOND_TYPE and VLAN_TAG only when it creates
# br-phy, and adds ENCAP_IP to br-phy without removing the old address.
dpdk_config_notices() {
  local old=$1 new=$2 key
  [[ -n $old ]] || return 0
  for key in DPDK_DEV BOND_TYPE VLAN_TAG; do
    if [[ $(config_value "$key" "$old") != "$(config_value "$key" "$new")" ]]; then
      notice "$key changed, and Kube-OVN reads it only when it builds br-phy: run" \
        "'ovs-vsctl del-br br-phy' in the ovs-ovn-dpdk pod on $NODE_NAME, then delete the pod"
    fi
  done
  key=$(config_value ENCAP_IP "$old")
  if [[ -n $key && $key != "$(config_value ENCAP_IP "$new")" ]]; then
    notice "ENCAP_IP changed: the old address stays on br-phy;" \
      "remove it with 'ip addr del $key dev br-phy'"
  fi
}

node_label() {
  local found
  if ! have_kubectl; then
    note "label the node where kubectl works:" \
      "kubectl label node $NODE_NAME $NODE_LABEL_KEY=$NODE_LABEL_VALUE --overwrite"
    return 0
  fi
  local path="{.metadata.labels.\${NODE_LABEL_KEY//./\\.}}"
  found=$("$KUBECTL" get node "$NODE_NAME" -o "jsonpath=$path")
  if [[ $found != "$NODE_LABEL_VALUE" ]] &&
    change kubernetes "label $NODE_LABEL_KEY of node $NODE_NAME" "$(shown "$found")" \
      "$(shown "$NODE_LABEL_VALUE")"; then
    "$KUBECTL" label node "$NODE_NAME" "$NODE_LABEL_KEY=$NODE_LABEL_VALUE" --overwrite >/dev/null
  fi
}
`;
