import { countFindings, formatJson, formatText } from '../../src/cli/format';
import { Diagnostic } from '../../src/diagnostics/diagnostic';

function finding(extra: Partial<Diagnostic>): Diagnostic {
  return {
    code: 'OVS005',
    severity: 'error',
    path: 'nodes[0].ovs.socketMem',
    message: 'the message',
    hint: 'the fix',
    ...extra,
  };
}

describe('formatText', () => {
  test('starts a finding about the whole spec with the file name alone', () => {
    expect(formatText([finding({ path: '', code: 'SPEC002' })], 'c.yaml'))
      .toBe('c.yaml: error SPEC002: the message\n  fix: the fix\n');
  });

  test('prints the consumer\'s message on a line of its own', () => {
    expect(formatText([finding({ upstream: 'what OVS says' })], 'c.yaml').split('\n')[1])
      .toBe('  upstream: what OVS says');
  });

  test('orders findings by place, those without one first', () => {
    const at = (line: number) => ({ file: 'c.yaml', line, column: 1 });
    const text = formatText([
      finding({ code: 'B', location: at(9) }), finding({ code: 'C', location: at(2) }),
      finding({ code: 'A' }),
    ], 'c.yaml');
    expect(text.match(/error (\w+):/g)).toEqual(['error A:', 'error C:', 'error B:']);
  });
});

describe('formatJson', () => {
  test('prints an array of the findings as they are', () => {
    expect(JSON.parse(formatJson([finding({})]))).toEqual([finding({})]);
  });
});

describe('countFindings', () => {
  const error = finding({});
  const warning = finding({ severity: 'warning' });
  test.each([
    ['no problems', []],
    ['1 error', [error]],
    ['2 errors', [error, error]],
    ['no errors and 1 warning', [warning]],
    ['1 error and 2 warnings', [error, warning, warning]],
  ])('says "%s"', (text, diagnostics) => {
    expect(countFindings(diagnostics)).toBe(text);
  });
});
