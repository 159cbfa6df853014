import { CodeDoc } from './types';

/**
 * Codes of spec files (`loadSpec`): YAML syntax and the JSON Schema check,
 * with the line of the field. A spec built in code meets the same schema
 * faults as SPEC001 instead.
 */
export const FILE_CODES: CodeDoc[] = [
  {
    code: 'FILE001',
    severity: 'error',
    title: 'The file is not valid YAML',
    description: 'The spec file cannot be parsed: a bad indent, an unclosed bracket or '
      + 'quote, a tab used for indentation, a key given twice in one mapping (the message names '
      + 'it and both lines). Nothing else is checked until it parses; the '
      + 'command line tool exits with 2.',
  },
  {
    code: 'FILE002',
    severity: 'error',
    title: 'A field is unknown',
    description: 'Every object of a spec has a fixed set of fields '
      + '(`schema/cluster-spec.schema.json`); a misspelt key would otherwise be ignored '
      + 'silently and its default used. When a known key of that object is close (the '
      + 'same word in another case, or a letter or two apart), the message suggests it. '
      + 'Top-level keys that start with `x-` are not unknown: they are ignored, and hold '
      + 'YAML anchors that entries merge with `<<: *name`.',
  },
  {
    code: 'FILE003',
    severity: 'error',
    title: 'A required field is missing',
    description: 'Some fields have no default: the cluster and node pool names, a pool\'s '
      + 'topology, a VM\'s memory and interfaces, a subnet\'s network and range.',
  },
  {
    code: 'FILE004',
    severity: 'error',
    title: 'A value is not one of the allowed values',
    description: 'Fields such as `nics[].driver`, `kubeOvn.tunnelType` or `vms[].runPolicy` '
      + 'take one of a few words; the hint lists them.',
  },
  {
    code: 'FILE005',
    severity: 'error',
    title: 'A value has the wrong type',
    description: 'A string where a number is expected, a single value where a list is '
      + 'expected, a list where an object is expected. Quote values that YAML would read '
      + 'as numbers or booleans when a string is meant (`socketMem: "1024"`).',
  },
  {
    code: 'FILE006',
    severity: 'error',
    title: 'The spec file cannot be read',
    description: 'The file named on the command line does not exist, is a folder, or may '
      + 'not be read. `check --format json` reports it as this finding, so that a tool '
      + 'reading the output always gets a JSON array; otherwise the command prints one '
      + 'line on standard error. Either way it exits with 2.',
  },
];
