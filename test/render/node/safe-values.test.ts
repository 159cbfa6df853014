import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { NodePlan } from '../../../src/plan/types';
import {
  findUnsafeNodeValues, renderNodeFiles, UnsafeValueError,
} from '../../../src/render/node';
import { plannedNode } from '../../support/node-plan-fixture';

const userspace = plannedNode('userspace');
const kubeOvn = plannedNode('kube-ovn');

function withConfigPath(plan: NodePlan, configPath: string): NodePlan {
  return { ...plan, kubelet: { ...plan.kubelet, configPath } };
}

function withOtherConfig(plan: NodePlan, key: string, value: string): NodePlan {
  return { ...plan, ovs: { ...plan.ovs, otherConfig: [...plan.ovs.otherConfig, [key, value]] } };
}

/** Sources a rendered bootstrap.sh (which runs nothing) and prints one variable. */
function variableOf(plan: NodePlan, variable: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'node-safe-'));
  try {
    const file = renderNodeFiles(plan, { path: 'userspace' })
      .find((f) => f.path.endsWith('/bootstrap.sh'))!;
    writeFileSync(join(dir, 'bootstrap.sh'), file.content);
    const result = spawnSync('bash', ['-c', `source "$1"; printf '%s' "$${variable}"`, 'bash',
      join(dir, 'bootstrap.sh')]);
    expect(result.stderr.toString()).toBe('');
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('values the node files refuse', () => {
  test('a kubelet config path holding a command substitution names the field', () => {
    const plan = withConfigPath(userspace, '/var/lib/kubelet/$(reboot).yaml');
    expect(() => renderNodeFiles(plan, { path: 'userspace' })).toThrow(
      'nodes[0].kubelet.configPath: "/var/lib/kubelet/$(reboot).yaml" must be an absolute path');
  });

  test('a kubelet config path that climbs out with ".." is refused', () => {
    const plan = withConfigPath(userspace, '/var/lib/../../etc/shadow');
    expect(findUnsafeNodeValues(plan, { path: 'userspace' }).map((v) => v.path))
      .toEqual(['nodes[0].kubelet.configPath']);
  });

  test('an OVS value with a double quote, which ovs-vsctl would parse, is refused', () => {
    const plan = withOtherConfig(userspace, 'dpdk-extra', '--vdev "x"');
    expect(() => renderNodeFiles(plan, { path: 'userspace' }))
      .toThrow(/must be a one-line OVS value without double quotes/);
  });

  test('a config.cfg value with a space, which Kube-OVN splits into two words, is refused', () => {
    const plan: NodePlan = {
      ...kubeOvn,
      kubeOvn: { ...kubeOvn.kubeOvn!, configCfg: [['dpdk-extra', '-a 0000:af:00.0']] },
    };
    expect(() => renderNodeFiles(plan, { path: 'kube-ovn' }))
      .toThrow(/Kube-OVN passes each config.cfg line to ovs-vsctl unquoted/);
  });

  test('a host without ENCAP_IP is refused, as Kube-OVN would stop on it under set -u', () => {
    const hosts = kubeOvn.kubeOvn!.hosts.map((h) =>
      ({ ...h, ovsDpdkConfig: h.ovsDpdkConfig.filter(([k]) => k !== 'ENCAP_IP') }));
    const plan: NodePlan = { ...kubeOvn, kubeOvn: { ...kubeOvn.kubeOvn!, hosts } };
    expect(() => renderNodeFiles(plan, { path: 'kube-ovn' }))
      .toThrow(/ENCAP_IP: unbound variable/);
  });

  test('a kernel argument with a semicolon is refused', () => {
    const plan: NodePlan = { ...userspace, kernel: { ...userspace.kernel, args: ['quiet;reboot'] } };
    expect(() => renderNodeFiles(plan, { path: 'userspace' })).toThrow(UnsafeValueError);
  });

  test('every unsafe value is reported at once, not just the first', () => {
    const plan = withOtherConfig(withConfigPath(userspace, 'relative/path'), 'Bad Key', 'v');
    expect(findUnsafeNodeValues(plan, { path: 'userspace' })).toHaveLength(2);
  });
});

describe('values the node files carry inert', () => {
  const anyText = fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !s.includes('\0'));

  test('a kubelet config path is refused, or reaches bash unchanged', () => {
    fc.assert(fc.property(fc.oneof(anyText, anyText.map((s) => `/etc/${s}`)), (path) => {
      const plan = withConfigPath(userspace, path);
      if (findUnsafeNodeValues(plan, { path: 'userspace' }).length > 0) {
        expect(() => renderNodeFiles(plan, { path: 'userspace' })).toThrow(UnsafeValueError);
      } else {
        expect(variableOf(plan, 'KUBELET_CONFIG_PATH').toString('utf8')).toBe(path);
      }
    }), { numRuns: 40 });
  });

  test('an OVS other_config value is refused, or reaches bash unchanged', () => {
    fc.assert(fc.property(anyText, (value) => {
      const plan = withOtherConfig(userspace, 'dpdk-extra', value);
      if (findUnsafeNodeValues(plan, { path: 'userspace' }).length > 0) {
        expect(() => renderNodeFiles(plan, { path: 'userspace' })).toThrow(UnsafeValueError);
      } else {
        const words = variableOf(plan, '{OVS_OTHER_CONFIG[-1]}').toString('utf8');
        expect(words).toBe(`dpdk-extra=${value}`);
      }
    }), { numRuns: 40 });
  });
});
