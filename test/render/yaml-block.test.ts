import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { toBlockYaml, YamlMapping } from '../../src/render/yaml-block';

const asYaml = (value: YamlMapping) => stringify(value, { lineWidth: 0 });

/** Strings that YAML may or may not take for strings: words, numbers, indicators. */
const tricky = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'az09 :-#.,?!&*|>\'"%@`[]{}~\t\nxXeE+/'.split('')) }),
  fc.constantFrom('true', 'False', 'null', '~', '0x1f', '0o17', '1e3', '.inf', '-.NaN', '---',
    '...', 'a: b', 'a #b', '- a', '16:a6:3f:c3:1e:38', '10.10.0.2/20', '::/0', 'set-name'),
  fc.string(),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  scalar: fc.oneof(tricky, fc.boolean(), fc.integer(), fc.double(), fc.constant(null)),
  mapping: fc.dictionary(tricky, tie('any'), { maxKeys: 4 }),
  list: fc.array(tie('any'), { maxLength: 3 }),
  any: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('mapping'), tie('list')),
})).any;

describe('toBlockYaml', () => {
  test('writes what the yaml package writes, for any mapping', () => {
    fc.assert(fc.property(fc.dictionary(tricky, value, { minKeys: 1, maxKeys: 5 }), (doc) => {
      expect(toBlockYaml(doc)).toBe(asYaml(doc));
    }), { numRuns: 2000 });
  });

  test('writes what the yaml package writes with a line width, folding nothing', () => {
    const words = fc.array(fc.constantFrom('a', 'bb', 'true', '42', ' ', 'x:y', '#'), {
      maxLength: 60,
    }).map((parts) => parts.join(''));
    const line: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      scalar: fc.oneof(tricky, words, fc.boolean(), fc.integer()),
      mapping: fc.dictionary(fc.oneof(tricky, words), tie('any'), { maxKeys: 3 }),
      list: fc.array(tie('any'), { maxLength: 3 }),
      any: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('mapping'), tie('list')),
    })).any;
    fc.assert(fc.property(fc.dictionary(words, line, { minKeys: 1, maxKeys: 4 }), (doc) => {
      expect(toBlockYaml(doc, { lineWidth: 80 })).toBe(stringify(doc));
    }), { numRuns: 2000 });
  });

  test('writes a network config with mappings in lists', () => {
    const doc = {
      version: 2,
      ethernets: {
        nic: {
          match: { macaddress: '16:a6:3f:c3:1e:38' },
          addresses: ['10.10.0.2/20'],
          routes: [{ to: '0.0.0.0/0', via: '10.10.0.1' }],
        },
      },
    };

    expect(toBlockYaml(doc)).toBe(asYaml(doc));
  });

  test('writes an object used twice as the yaml package does, with an anchor', () => {
    const shared = { a: 'b' };
    const doc = { x: shared, y: shared };

    expect(toBlockYaml(doc)).toBe(asYaml(doc));
  });

  test('writes a key longer than 1024 characters as an explicit key', () => {
    const doc = { ['k'.repeat(1100)]: 'v' };

    expect(toBlockYaml(doc)).toBe(asYaml(doc));
  });

  test('quotes strings YAML would read as other types', () => {
    expect(toBlockYaml({ a: 'true', b: '42', c: '' })).toBe('a: "true"\nb: "42"\nc: ""\n');
  });
});
