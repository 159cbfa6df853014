// Kubernetes name syntax, shared by the rules of every layer.
//
// @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LABEL = 63;
const MAX_SUBDOMAIN = 253;

/** The API server's own words for a bad DNS-1123 label. */
export const LABEL_UPSTREAM =
  'a lowercase RFC 1123 label must consist of lower case alphanumeric characters '
  + "or '-', and must start and end with an alphanumeric character";

/** The API server's own words for a label value that is too long. */
export const LABEL_VALUE_UPSTREAM = `must be no more than ${MAX_LABEL} characters`;

/** The longest label value (the `kubernetes.io/hostname` label holds node names). */
export const MAX_LABEL_VALUE = MAX_LABEL;

/** The API server's own words for a bad DNS-1123 subdomain. */
export const SUBDOMAIN_UPSTREAM =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
  + "or '.', and must start and end with an alphanumeric character";

/**
 * Whether `name` is a DNS-1123 label: at most 63 lowercase letters, digits and
 * `-`, starting and ending with a letter or digit (namespaces, most object
 * names, label values).
 */
export function isDnsLabel(name: string): boolean {
  return name.length <= MAX_LABEL && LABEL.test(name);
}

/**
 * Whether `name` is a DNS-1123 subdomain: dot-separated labels, at most 253
 * characters (node names, cluster-scoped objects such as Kube-OVN subnets).
 */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= MAX_SUBDOMAIN && name.split('.').every((part) => LABEL.test(part));
}

/** Why `name` is not a DNS-1123 label, in a few words for a message. */
export function labelProblem(name: string): string {
  if (name === '') {
    return 'it is empty';
  }
  if (name.length > MAX_LABEL) {
    return `it has ${name.length} characters, more than ${MAX_LABEL}`;
  }
  if (/[A-Z]/.test(name)) {
    return 'it has uppercase letters';
  }
  if (/[^-a-z0-9]/.test(name)) {
    return 'it has characters other than lowercase letters, digits and -';
  }
  return 'it starts or ends with -';
}

/** Why `name` is not a DNS-1123 subdomain, in a few words for a message. */
export function subdomainProblem(name: string): string {
  if (name.length > MAX_SUBDOMAIN) {
    return `it has ${name.length} characters, more than ${MAX_SUBDOMAIN}`;
  }
  const part = name.split('.').find((p) => !LABEL.test(p)) ?? '';
  if (part === '') {
    return 'it has an empty part between dots';
  }
  // Between the dots the label rules hold, and the dot itself is allowed.
  if (!/[A-Z]/.test(part) && /[^-a-z0-9]/.test(part)) {
    return 'it has characters other than lowercase letters, digits, - and .';
  }
  return labelProblem(part);
}

/**
 * `"a", "b" and "c"`: a list for a message.
 *
 * @param most how many items to name, the rest counted: `"a", "b" and 3 more`
 */
export function quoteList(items: readonly string[], most = Infinity): string {
  if (items.length > most) {
    const named = items.slice(0, most).map((item) => JSON.stringify(item));
    return `${named.join(', ')} and ${items.length - most} more`;
  }
  const quoted = items.map((item) => JSON.stringify(item));
  if (quoted.length <= 1) {
    return quoted.join('');
  }
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
