import { parse } from 'yaml';
import { VmPlan } from '../../../src/plan/types';
import {
  mergeCloudConfig, renderCloudInit, renderNetworkData, renderUserData,
} from '../../../src/render/manifests/cloud-init';
import { CloudInitSpec } from '../../../src/spec';
import {
  kubeOvnNetworkFixture, userspaceNetworkFixture, vmPlanFixture,
} from '../../support/render-plans';

function vmWith(cloudInit: CloudInitSpec, options = {}): VmPlan {
  return vmPlanFixture({ ...options, spec: { cloudInit } });
}

function userDataOf(vm: VmPlan): Record<string, unknown> {
  return parse(renderUserData(vm)!);
}

describe('renderUserData', () => {
  test('starts with the #cloud-config line', () => {
    const text = renderUserData(vmWith({ sshAuthorizedKeys: ['ssh-ed25519 AAAA a@b'] }));

    expect(text!.split('\n')[0]).toBe('#cloud-config');
  });

  test('SSH keys come first, each kept whole however long', () => {
    const key = `ssh-rsa ${'A'.repeat(400)} admin@example`;

    const text = renderUserData(vmWith({ sshAuthorizedKeys: [key], extraUserData: 'a: 1' }))!;

    expect(text.split('\n')[1]).toBe('ssh_authorized_keys:');
    expect(userDataOf(vmWith({ sshAuthorizedKeys: [key] })).ssh_authorized_keys).toEqual([key]);
  });

  test('each VM gets the user data of its own spec, whatever the VM before it had', () => {
    const keys = { sshAuthorizedKeys: ['ssh-ed25519 AAAA a@b'] };
    const texts = [keys, { ...keys, password: 'pw', allowPlainTextPassword: true }, keys, {}]
      .map((spec) => renderUserData(vmWith(spec)));

    expect(texts[0]).toBe(texts[2]);
    expect(texts[1]).toContain('password: pw');
    expect(texts[3]).toBeUndefined();
  });

  test('a password is written only when plain-text passwords are allowed', () => {
    const refused = vmWith({ password: 'secret', sshAuthorizedKeys: ['ssh-ed25519 AAAA'] });
    const allowed = vmWith({ password: 'secret', allowPlainTextPassword: true });

    expect(userDataOf(refused).password).toBeUndefined();
    expect(userDataOf(allowed)).toEqual({
      password: 'secret', chpasswd: { expire: false }, ssh_pwauth: true,
    });
  });

  test('extra user data is merged as YAML: lists appended, maps merged', () => {
    const vm = vmWith({
      sshAuthorizedKeys: ['ssh-ed25519 AAAA one'],
      password: 'pw',
      allowPlainTextPassword: true,
      extraUserData: [
        'ssh_authorized_keys: ["ssh-ed25519 BBBB two"]',
        'chpasswd: {users: [{name: ubuntu, password: pw}]}',
        'packages: [qperf, iperf]',
      ].join('\n'),
    });

    const data = userDataOf(vm);

    expect(data.ssh_authorized_keys).toEqual(['ssh-ed25519 AAAA one', 'ssh-ed25519 BBBB two']);
    expect(data.chpasswd).toEqual({ expire: false, users: [{ name: 'ubuntu', password: 'pw' }] });
    expect(data.packages).toEqual(['qperf', 'iperf']);
  });

  test('text that looks like YAML syntax survives as a string', () => {
    const vm = vmWith({ extraUserData: 'runcmd: ["echo \'a: b\' > /tmp/x # not a comment"]' });

    expect(userDataOf(vm).runcmd).toEqual(['echo \'a: b\' > /tmp/x # not a comment']);
  });

  test('extra user data that is not a mapping is refused with the field path', () => {
    const vm = vmWith({ extraUserData: '- just\n- a list' });

    expect(() => renderUserData(vm)).toThrow(
      'vms[0].cloudInit.extraUserData of VM "ubuntu-vhostuser" is a YAML list, '
      + 'but cloud-config is a mapping of keys.');
  });

  test('extra user data that is not YAML is refused with the field path', () => {
    const vm = vmWith({ extraUserData: 'a: [unclosed' });

    expect(() => renderUserData(vm))
      .toThrow(/^vms\[0\]\.cloudInit\.extraUserData of VM "ubuntu-vhostuser" is not valid YAML/);
  });

  test('nothing to say gives no user data', () => {
    expect(renderUserData(vmWith({ password: 'refused' }))).toBeUndefined();
  });
});

describe('mergeCloudConfig', () => {
  test('a scalar of the extra config replaces the base one', () => {
    expect(mergeCloudConfig({ ssh_pwauth: true }, { ssh_pwauth: false }))
      .toEqual({ ssh_pwauth: false });
  });
});

describe('renderNetworkData', () => {
  test('gives a NIC its planned address, matched by MAC and named as in the VM', () => {
    const vm = vmPlanFixture({ network: 'ovs-dpdk', address: '192.168.100.10/24' });

    const data = parse(renderNetworkData(vm, [userspaceNetworkFixture()])!);

    expect(data).toEqual({
      version: 2,
      ethernets: {
        vhostuser: {
          'match': { macaddress: '02:00:00:00:00:01' },
          'set-name': 'vhostuser',
          'addresses': ['192.168.100.10/24'],
          'routes': [{ to: '0.0.0.0/0', via: '192.168.100.1' }],
        },
      },
    });
  });

  test('with a pod network, the pod NIC keeps DHCP and the default route', () => {
    const vm = vmPlanFixture({
      network: 'ovs-dpdk', address: '192.168.100.10/24', podNetwork: true,
    });

    const ethernets = parse(renderNetworkData(vm, [userspaceNetworkFixture()])!).ethernets;

    expect(ethernets.pod).toMatchObject({ 'set-name': 'eth0', 'dhcp4': true });
    expect(ethernets.vhostuser.routes).toBeUndefined();
  });

  test('a NIC on a DHCP network asks for DHCP', () => {
    const vm = vmPlanFixture();

    const ethernets = parse(renderNetworkData(vm, [kubeOvnNetworkFixture()])!).ethernets;

    expect(ethernets.vhostuser.dhcp4).toBe(true);
  });

  test('no address and no DHCP gives no network data', () => {
    const vm = vmPlanFixture({ network: 'ovs-dpdk' });

    expect(renderNetworkData(vm, [userspaceNetworkFixture()])).toBeUndefined();
  });
});

describe('renderCloudInit', () => {
  test('a user data Secret replaces inline user data', () => {
    const vm = vmWith({
      userDataSecretName: 'vm-1-user-data', sshAuthorizedKeys: ['ssh-ed25519 A'],
    });

    expect(renderCloudInit(vm, [])).toStrictEqual({ userDataSecretName: 'vm-1-user-data' });
  });

  test('nothing to say gives no cloud-init at all', () => {
    expect(renderCloudInit(vmPlanFixture(), [])).toBeUndefined();
  });
});
