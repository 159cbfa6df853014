import { checkSocketPath, MAX_SOCKET_PATH } from '../../../src/diagnostics/rules/vm';
import { socketPathOf } from '../../../src/plan/vm';
import { collect } from '../../support/findings';

describe('checkSocketPath', () => {
  test('accepts the Userspace CNI and Kube-OVN socket paths of a VM\'s NIC', () => {
    const { diagnostics } = collect((findings) => {
      checkSocketPath(socketPathOf('userspace', 'net1'), 12, 'vms[0].interfaces[0]', findings);
      checkSocketPath(socketPathOf('kube-ovn', 'net0'), 36, 'vms[0].interfaces[0]', findings);
    });
    expect(diagnostics).toEqual([]);
  });

  test('refuses a path longer than a UNIX socket address holds', () => {
    const long = `/var/run/${'d'.repeat(80)}/<id>/sock`;
    const { diagnostics: [finding] } = collect((findings) =>
      checkSocketPath(long, 36, 'vms[2].interfaces[1]', findings));
    expect(finding).toMatchObject({ code: 'VM012', path: 'vms[2].interfaces[1]' });
    expect(finding.message).toBe(`the vhost-user socket path ${long} takes 131 bytes (<id> being `
      + `36 characters), more than the ${MAX_SOCKET_PATH} a UNIX socket path holds`);
  });

  test('counts every <id> as the characters it stands for, the rest in UTF-8 bytes', () => {
    const path = `/run/ü/<id>/<id>-${'d'.repeat(60)}`;
    const { diagnostics: [finding] } = collect((findings) =>
      checkSocketPath(path, 20, 'vms[0].interfaces[0]', findings));
    expect(finding.message).toContain('takes 110 bytes');
  });
});
