import { bootstrapCommand } from '../../src/pulumi/remote';

describe('bootstrapCommand', () => {
  test('runs the script under sudo, which must not ask for a password', () => {
    expect(bootstrapCommand('node-1', 'dir/bootstrap.sh', {}))
      .toBe('sudo -n env NODE_NAME=node-1 bash dir/bootstrap.sh');
  });

  test('runs it as the SSH user, and with --drained, when asked', () => {
    expect(bootstrapCommand('node-1', 'dir/bootstrap.sh', { sudo: false, drained: true }))
      .toBe('env NODE_NAME=node-1 bash dir/bootstrap.sh --drained');
  });

  test('quotes a path that the shell would split', () => {
    expect(bootstrapCommand('node-1', 'my dir/bootstrap.sh', { sudo: false }))
      .toBe("env NODE_NAME=node-1 bash 'my dir/bootstrap.sh'");
  });
});
