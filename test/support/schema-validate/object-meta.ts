import { childPath, describeValue, type Problem } from './problems';

/**
 * How the API server checks `metadata.name` for a kind (k8s.io/apimachinery validation):
 * most kinds, custom resources included, take a DNS-1123 subdomain; Namespace takes a
 * DNS-1123 label; Service a DNS-1035 label; RBAC kinds any path segment.
 */
export type NameRule = 'dns-subdomain' | 'dns-label' | 'dns-1035-label' | 'path-segment';

// The regular expressions and messages below are the API server's, so that a user who
// met them from kubectl recognises them.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const SUBDOMAIN_RULE = 'a lowercase RFC 1123 subdomain must consist of lower case '
  + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
  + "character (e.g. 'example.com')";
const LABEL_RULE = 'a lowercase RFC 1123 label must consist of lower case alphanumeric '
  + "characters or '-', and must start and end with an alphanumeric character "
  + "(e.g. 'my-name', or '123-abc')";
const LABEL_1035_RULE = 'a DNS-1035 label must consist of lower case alphanumeric '
  + "characters or '-', start with an alphabetic character, and end with an alphanumeric "
  + "character (e.g. 'my-name', or 'abc-123')";
const PATH_SEGMENT_RULE = "may not be '.' or '..' and may not contain '/' or '%'";
const QUALIFIED_RULE = "must consist of alphanumeric characters, '-', '_' or '.', and "
  + 'must start and end with an alphanumeric character';

/**
 * Checks the parts of `metadata` that every object needs before the API server accepts
 * it: a name (or generateName) in the kind's format, a namespace that is a DNS label,
 * and labels and annotations that are maps of strings with valid keys (label values as
 * well). Other ObjectMeta fields are not checked.
 *
 * @param metadata the object's `metadata`
 * @param nameRule the format the kind's names must follow
 */
export function objectMetaProblems(metadata: unknown, nameRule: NameRule): Problem[] {
  if (metadata === undefined) {
    return [{ path: 'metadata', message: 'required field is missing' }];
  }
  if (!isMap(metadata)) {
    return [{ path: 'metadata', message: `must be object, found ${describeValue(metadata)}` }];
  }

  const problems: Problem[] = [];
  const { name, generateName, namespace, labels, annotations } = metadata;
  if (name === undefined && generateName === undefined) {
    problems.push({ path: 'metadata.name', message: 'required field is missing' });
  }
  problems.push(...nameProblems('metadata.name', name, nameRule));
  problems.push(...stringProblems('metadata.generateName', generateName));
  problems.push(...nameProblems('metadata.namespace', namespace, 'dns-label'));
  problems.push(...stringMapProblems('metadata.labels', labels, true));
  problems.push(...stringMapProblems('metadata.annotations', annotations, false));
  return problems;
}

function nameProblems(path: string, value: unknown, rule: NameRule): Problem[] {
  if (value === undefined || typeof value !== 'string') {
    return stringProblems(path, value);
  }
  const found = JSON.stringify(value);
  const format = (pattern: RegExp, max: number, text: string): Problem[] => [
    ...tooLong(path, value, max),
    ...(pattern.test(value) ? [] : [{ path, message: `${found}: ${text}` }]),
  ];
  switch (rule) {
    case 'dns-subdomain':
      return format(DNS_SUBDOMAIN, 253, SUBDOMAIN_RULE);
    case 'dns-label':
      return format(DNS_LABEL, 63, LABEL_RULE);
    case 'dns-1035-label':
      return format(DNS_1035_LABEL, 63, LABEL_1035_RULE);
    case 'path-segment':
      return format(/^(?!\.\.?$)[^/%]*$/, Infinity, PATH_SEGMENT_RULE);
  }
}

function stringMapProblems(path: string, value: unknown, isLabels: boolean): Problem[] {
  if (value === undefined) {
    return [];
  }
  if (!isMap(value)) {
    return [{ path, message: `must be a map of strings, found ${describeValue(value)}` }];
  }
  return Object.entries(value).flatMap(([key, entry]) => {
    const entryPath = childPath(path, key);
    const problems = [
      ...qualifiedNameProblems(entryPath, key),
      ...stringProblems(entryPath, entry),
    ];
    if (isLabels && typeof entry === 'string') {
      problems.push(...tooLong(entryPath, entry, 63));
      if (entry !== '' && !QUALIFIED_NAME_PART.test(entry)) {
        const message = `${JSON.stringify(entry)}: a label value ${QUALIFIED_RULE}`;
        problems.push({ path: entryPath, message });
      }
    }
    return problems;
  });
}

function qualifiedNameProblems(path: string, key: string): Problem[] {
  const parts = key.split('/');
  const name = parts[parts.length - 1];
  const prefix = parts.length === 2 ? parts[0] : undefined;
  const problems: Problem[] = [];
  if (parts.length > 2 || !QUALIFIED_NAME_PART.test(name) || name.length > 63) {
    problems.push({
      path,
      message: `key ${JSON.stringify(key)}: the name part ${QUALIFIED_RULE}, `
        + 'at most 63 characters, with an optional DNS subdomain prefix and \'/\'',
    });
  }
  if (prefix !== undefined && (!DNS_SUBDOMAIN.test(prefix) || prefix.length > 253)) {
    problems.push({ path, message: `key prefix ${JSON.stringify(prefix)}: ${SUBDOMAIN_RULE}` });
  }
  return problems;
}

function tooLong(path: string, value: string, max: number): Problem[] {
  return value.length > max
    ? [{ path, message: `must be no more than ${max} characters, found ${value.length}` }]
    : [];
}

function stringProblems(path: string, value: unknown): Problem[] {
  return value === undefined || typeof value === 'string'
    ? []
    : [{ path, message: `must be string, found ${describeValue(value)}` }];
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
