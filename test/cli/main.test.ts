import { runCli } from './run-cli';
import { main } from '../../src/cli/main';

/** Runs the tool with a standard input that throws, to stand for any fault. */
async function runWithFault(args: string[]) {
  let stderr = '';
  const code = await main(['node', 'vhost-user-k8s', ...args], {
    stdout: () => undefined,
    stderr: (text) => {
      stderr += text;
    },
    readStdin: () => {
      throw new TypeError('stdin is broken\nsecond line');
    },
  });
  return { code, stderr };
}

describe('vhost-user-k8s main', () => {
  test('reports an unexpected fault in one line, with exit code 2', async () => {
    expect(await runWithFault(['check', '-'])).toEqual({
      code: 2,
      stderr: 'vhost-user-k8s: unexpected error: TypeError: stdin is broken '
        + '(run again with --debug for the stack trace)\n',
    });
  });

  test('prints the stack trace of an unexpected fault with --debug', async () => {
    const { stderr } = await runWithFault(['--debug', 'check', '-']);
    expect(stderr.split('\n').slice(0, 3)).toEqual([
      'vhost-user-k8s: unexpected error: TypeError: stdin is broken',
      'TypeError: stdin is broken',
      'second line',
    ]);
  });

  test('takes --debug after the command too', async () => {
    const { stderr } = await runWithFault(['check', '-', '--debug']);
    expect(stderr).toMatch(/\n {4}at /);
  });

  test('exits 2 and prints the help on standard error without a command', async () => {
    const run = await runCli([]);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('Usage: vhost-user-k8s')]);
  });

  test('prints the help on standard output with --help, and exits 0', async () => {
    const run = await runCli(['--help']);
    expect([run.code, run.stdout]).toEqual([0, expect.stringMatching(
      /Commands:\n {2}synth \[options\] \[spec\][\s\S]*check[\s\S]*facts[\s\S]*example[\s\S]*schema/)]);
  });

  test('suggests the command meant by a typo', async () => {
    const run = await runCli(['chek']);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('(Did you mean check?)')]);
  });

  test('prints the JSON Schema of spec files', async () => {
    const schema = JSON.parse((await runCli(['schema'])).stdout);
    expect(schema.$ref).toBe('#/definitions/ClusterSpec');
  });
});
