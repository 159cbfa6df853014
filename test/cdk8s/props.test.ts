import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { errorOf } from './support';
import { checkProps, valueProp } from '../../src/cdk8s/props';
import { Size } from '../../src/model/size';

class Probe extends Construct {}

describe('checkProps', () => {
  const probe = () => new Probe(Testing.chart(), 'probe');

  test('props of the right shape with readable values pass', () => {
    expect(() => checkProps(probe(), 'vms', {
      name: 'vm', memory: '2Gi', interfaces: [],
    }, () => valueProp('memory', '2Gi', Size.parse))).not.toThrow();
  });

  test('an optional prop given as undefined counts as left out', () => {
    expect(() => checkProps(probe(), 'networks', { name: 'n', namespace: undefined }))
      .not.toThrow();
  });

  test('every shape problem is listed, each with its prop', () => {
    const message = errorOf(() => checkProps(probe(), 'vms', {
      name: 'vm', memry: '2Gi', interfaces: 'eth0',
    }));

    expect(message.split('\n')).toEqual([
      'Invalid props for Probe at \'test/probe\':',
      '  - \'memory\': SPEC001: props has no "memory", which is required; add "memory"',
      '  - \'memry\': SPEC001: props has the unknown field "memry": did you mean "memory"?; '
        + 'rename "memry" to "memory"',
      '  - \'interfaces\': SPEC001: props.interfaces must be an array, found "eth0"; write '
        + 'props.interfaces as an array',
    ]);
  });

  test('an unreadable value names the prop, echoes the value and gives the fix', () => {
    const message = errorOf(() => checkProps(probe(), 'vms', {
      name: 'vm', memory: '2 GB', interfaces: [],
    }, () => valueProp('memory', '2 GB', Size.parse)));

    expect(message).toContain('Invalid props for Probe at \'test/probe\':\n'
      + '  - \'memory\': invalid size "2 GB": ');
  });

  test('values are read only when the shape is right', () => {
    const read = jest.fn(() => []);

    expect(() => checkProps(probe(), 'subnets', { name: 's' }, read)).toThrow(/"cidr"/);
    expect(read).not.toHaveBeenCalled();
  });
});
