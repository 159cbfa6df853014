import { liveProcesses, runCommand, spawnTracked, waitFor } from './processes';

describe('runCommand', () => {
  test('resolves with stdout', async () => {
    expect(await runCommand('/bin/sh', ['-c', 'echo hello'])).toBe('hello\n');
  });

  test('rejects with the command, the exit code and stderr', async () => {
    const run = runCommand('/bin/sh', ['-c', 'echo broken >&2; exit 3']);

    await expect(run)
      .rejects.toThrow('`/bin/sh -c echo broken >&2; exit 3` exited with 3:\nbroken');
  });

  test('kills the command after the timeout', async () => {
    const run = runCommand('/bin/sleep', ['30'], { timeoutMs: 200 });

    await expect(run).rejects.toThrow('was killed after 200 ms');
  });
});

describe('waitFor', () => {
  test('resolves with the first defined probe result', async () => {
    let calls = 0;

    const value = await waitFor('three calls', () => (++calls === 3 ? calls : undefined),
      { timeoutMs: 5_000, intervalMs: 10 });

    expect(value).toBe(3);
  });

  test('times out naming what it waited for, with the explanation', async () => {
    const wait = waitFor('the moon', () => undefined,
      { timeoutMs: 50, intervalMs: 10, explain: () => 'log tail here' });

    await expect(wait)
      .rejects.toThrow('Timed out after 50 ms waiting for the moon\nlog tail here');
  });
});

describe('spawnTracked', () => {
  test('stop() sends SIGKILL to a process that outlives the grace period', async () => {
    // An ignored signal stays ignored across exec.
    const stubborn = spawnTracked('/bin/sh', ['-c', 'trap "" TERM; exec sleep 30']);
    await new Promise((r) => setTimeout(r, 200));

    const exit = await stubborn.stop({ graceMs: 300 });

    expect(exit.signal).toBe('SIGKILL');
  });

  test('forgets a process once it has been reaped', async () => {
    const quick = spawnTracked('/bin/true', []);

    await quick.exited;

    expect(liveProcesses()).not.toContain(quick);
  });

  test('refuses an absolute command that does not exist', () => {
    expect(() => spawnTracked('/nonexistent/ovs-vswitchd', []))
      .toThrow('Cannot start /nonexistent/ovs-vswitchd: no such file');
  });
});
