import { parse } from 'yaml';
import { CloudInitSpec } from '../../spec';
import { Findings } from '../findings';
import { isDnsSubdomain } from './names';

/** An OpenSSH public key line: an optional options prefix, the key type, base64. */
const SSH_KEY = new RegExp('(^|\\s)(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)'
  + '|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com)\\s+[A-Za-z0-9+/]+={0,3}(\\s|$)');

/** The name part of a label or annotation key, and of a label value. */
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Pod annotations Virtink's controller writes over whatever the VM carries. */
const VIRTINK_ANNOTATIONS = [
  'k8s.v1.cni.cncf.io/networks',
  'ovn-dpdk.default.ovn.kubernetes.io/mac_address',
];

/**
 * Cloud-init rules (VM014, VM015, VM016): no plain-text password unless
 * allowed, a Secret excludes inline user data, and every value is usable.
 */
export function checkCloudInit(spec: CloudInitSpec, index: number, findings: Findings): void {
  const path = `vms[${index}].cloudInit`;
  if (spec.password !== undefined && spec.allowPlainTextPassword !== true) {
    findings.error('VM014', {
      path: `${path}.password`,
      message: 'password is given in plain text: it would be readable by anyone who can read '
        + 'the VirtualMachine object, and it turns on SSH password login',
      hint: 'use sshAuthorizedKeys instead; if a console password is really wanted, set '
        + 'allowPlainTextPassword: true',
    });
  }

  if (spec.userDataSecretName !== undefined) {
    const inline = (['sshAuthorizedKeys', 'password', 'extraUserData'] as const)
      .filter((field) => spec[field] !== undefined);
    for (const field of inline) {
      findings.error('VM015', {
        path: `${path}.${field}`,
        message: `${field} is inline user data, but userDataSecretName already supplies the `
          + 'whole user data; Virtink takes one form only',
        hint: `put ${field} into the Secret ${spec.userDataSecretName}, or remove `
          + 'userDataSecretName',
        upstream: 'may not specify more than 1 user data',
      });
    }
    if (!isDnsSubdomain(spec.userDataSecretName)) {
      findings.error('VM016', {
        path: `${path}.userDataSecretName`,
        message: `userDataSecretName ${JSON.stringify(spec.userDataSecretName)} is not a `
          + 'Secret name (a DNS-1123 subdomain)',
        hint: 'name the Secret (key `value`) in the VM\'s namespace that holds the user data',
      });
    }
  }

  (spec.sshAuthorizedKeys ?? []).forEach((key, i) => {
    if (!isKeyLine(key)) {
      findings.error('VM016', {
        path: `${path}.sshAuthorizedKeys[${i}]`,
        message: `sshAuthorizedKeys[${i}] is not one OpenSSH public key line `
          + `(${JSON.stringify(key.slice(0, 24))}…)`,
        hint: 'paste one line of a .pub file per entry, such as "ssh-ed25519 AAAA… user@host"',
      });
    }
  });

  if (spec.extraUserData !== undefined) {
    const problem = userDataProblem(spec.extraUserData);
    if (problem !== undefined) {
      findings.error('VM016', {
        path: `${path}.extraUserData`,
        message: `extraUserData ${problem}`,
        hint: 'write cloud-config keys as one YAML mapping, such as "packages: [qperf]"',
      });
    }
  }
}

/** The key last checked, and whether it is one OpenSSH public key line. */
let lastKey: { readonly key: string; readonly line: boolean } | undefined;

/** Whether a key is one OpenSSH public key line; a fleet's VMs mostly share their keys. */
function isKeyLine(key: string): boolean {
  if (lastKey?.key !== key) {
    lastKey = { key, line: !/[\r\n]/.test(key) && SSH_KEY.test(key) };
  }
  return lastKey.line;
}

function userDataProblem(text: string): string | undefined {
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    return `is not valid YAML: ${String((e as Error).message).split('\n')[0]}`;
  }
  if (value === null || value === undefined) {
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return `is a YAML ${Array.isArray(value) ? 'list' : typeof value}, but cloud-config is a `
      + 'mapping of keys';
  }
  return undefined;
}

/**
 * Labels and annotations of a VM (VM022): valid Kubernetes keys and label
 * values, and none of the pod annotations Virtink writes itself.
 */
export function checkMetadata(
  labels: Record<string, string>, annotations: Record<string, string>, index: number,
  findings: Findings,
): void {
  const path = `vms[${index}]`;
  for (const [key, value] of Object.entries(labels)) {
    const problem = keyProblem(key) ?? valueProblem(value);
    if (problem !== undefined) {
      report(`${path}.labels`, `label ${JSON.stringify(key)}: ${problem}`, findings);
    }
  }
  for (const key of Object.keys(annotations)) {
    const problem = keyProblem(key) ?? (VIRTINK_ANNOTATIONS.includes(key)
      ? 'Virtink writes this annotation on the VM pod itself, over any value given here'
      : undefined);
    if (problem !== undefined) {
      report(`${path}.annotations`, `annotation ${JSON.stringify(key)}: ${problem}`, findings);
    }
  }
}

function report(path: string, message: string, findings: Findings): void {
  findings.error('VM022', {
    path,
    message,
    hint: 'use keys like example.com/name (prefix optional), label values of at most 63 '
      + 'letters, digits, -, _ and .; leave the networks and MAC annotations to Virtink',
  });
}

function keyProblem(key: string): string | undefined {
  const parts = key.split('/');
  const name = parts[parts.length - 1];
  if (parts.length > 2 || (parts.length === 2 && !isDnsSubdomain(parts[0]))) {
    return 'the prefix before / is not a DNS-1123 subdomain';
  }
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return 'the name must be 1 to 63 letters, digits, -, _ and ., starting and ending with a '
      + 'letter or digit';
  }
  return undefined;
}

function valueProblem(value: string): string | undefined {
  return value === '' || (value.length <= 63 && QUALIFIED_NAME.test(value)) ? undefined
    : `the value ${JSON.stringify(value.slice(0, 70))} is not a label value (at most 63 `
      + 'letters, digits, -, _ and ., starting and ending with a letter or digit)';
}
