import { parse } from 'yaml';
import {
  perfCloudConfig, PERF_SCRIPT_PATH, renderPerfExtraUserData, renderPerfUserData,
} from '../../src/perfkit/cloud-init';
import { valueErrorOf } from '../support/value-error';

const SCRIPT = '#!/usr/bin/env bash\necho measured\n';

describe('perfCloudConfig', () => {
  test('installs qperf and iperf3 from the guest\'s packages', () => {
    expect(perfCloudConfig({ script: SCRIPT }).packages).toEqual(['qperf', 'iperf3']);
  });

  test('writes the script as an executable file', () => {
    expect(perfCloudConfig({ script: SCRIPT }).write_files).toEqual([{
      path: PERF_SCRIPT_PATH, owner: 'root:root', permissions: '0755', content: SCRIPT,
    }]);
  });

  test('keeps kernel messages off the console, then starts the script as a systemd unit '
    + 'that writes to the serial console and a log file', () => {
    expect(perfCloudConfig({ script: SCRIPT }).runcmd).toEqual([
      'dmesg -n 1',
      'systemd-run --unit=vhost-user-k8s-perf --collect -- /bin/bash -c \'set -o pipefail; '
        + '/usr/local/sbin/vhost-user-k8s-perf 2>&1 | tee -a /var/log/vhost-user-k8s-perf.log'
        + ' > /dev/ttyS0\'',
    ]);
  });

  test('writes to another console device when asked', () => {
    const [, launch] = perfCloudConfig({ script: SCRIPT, consoleDevice: '/dev/hvc0' })
      .runcmd as string[];
    expect(launch).toMatch(/> \/dev\/hvc0'$/);
  });

  test('refuses a console device that is not a plain path', () => {
    expect(valueErrorOf(() => perfCloudConfig({ script: SCRIPT, consoleDevice: '/dev/tty S0' }))
      .kind).toBe('consoleDevice');
  });
});

describe('the cloud-config as YAML', () => {
  test('user data starts with #cloud-config and reads back as the same document', () => {
    const text = renderPerfUserData({ script: SCRIPT });
    expect([text.split('\n')[0], parse(text)]).toEqual([
      '#cloud-config', perfCloudConfig({ script: SCRIPT }),
    ]);
  });

  test('the extra user data for a VM spec has no #cloud-config line', () => {
    expect(renderPerfExtraUserData({ script: SCRIPT }).startsWith('package_update: true\n'))
      .toBe(true);
  });
});
