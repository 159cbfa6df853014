import {
  isDnsLabel, isDnsSubdomain, labelProblem, quoteList, subdomainProblem,
} from '../../../src/diagnostics/rules/names';

describe('Kubernetes names', () => {
  test.each(['a', 'vm-1', '0abc', 'a'.repeat(63)])('accepts the label %j', (name) => {
    expect(isDnsLabel(name)).toBe(true);
  });

  test.each([
    ['', 'it is empty'],
    ['a'.repeat(64), 'it has 64 characters, more than 63'],
    ['Vm', 'it has uppercase letters'],
    ['vm_1', 'it has characters other than lowercase letters, digits and -'],
    ['vm-', 'it starts or ends with -'],
  ])('refuses the label %j: %s', (name, problem) => {
    expect(isDnsLabel(name)).toBe(false);
    expect(labelProblem(name)).toBe(problem);
  });

  test('accepts dotted node names as subdomains but not as labels', () => {
    expect([isDnsSubdomain('node-1.example.com'), isDnsLabel('node-1.example.com')])
      .toEqual([true, false]);
  });

  test('names the empty part of a subdomain', () => {
    expect(subdomainProblem('node..example')).toBe('it has an empty part between dots');
  });

  test('counts the dot among the characters a subdomain allows', () => {
    expect(subdomainProblem("node-1'$(id)"))
      .toBe('it has characters other than lowercase letters, digits, - and .');
  });

  test('lists names for a message', () => {
    expect(quoteList(['a', 'b', 'c'])).toBe('"a", "b" and "c"');
  });
});
