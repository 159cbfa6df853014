import { NetworkPlan, SubnetPlan } from './types';
import { Findings } from '../diagnostics/findings';
import { readValue } from '../diagnostics/rules/read';
import { Cidr, InterfaceAddress, IpAddress } from '../model/ip';
import { MacAddress } from '../model/mac';
import { sha256 } from '../model/sha256';

/** A vhost-user NIC whose MAC and address are still to be decided. */
export interface NicDraft {
  /** Field path of the NIC, `vms[i].interfaces[j]`. */
  readonly path: string;
  /** `<namespace>/<vm>/<network>`: the seed of its generated MAC and address. */
  readonly seed: string;
  /** Its network, when the VM's namespace has it. */
  readonly network?: NetworkPlan;
  /** The MAC and address as written. */
  readonly mac?: string;
  readonly ip?: string;
}

/**
 * Gives every NIC a MAC that is unique in the cluster (VM007). Given MACs are
 * checked first (parseable, unicast, not used twice); then each other NIC
 * gets `MacAddress.generate(seed)`, re-seeded with `#1`, `#2`, … in the rare
 * case the address is taken, so that a NIC keeps its MAC from one synth to
 * the next as long as its seed is free.
 *
 * @param reserved MACs other NICs already use (the pod NICs of the VMs)
 */
export function assignMacs(
  nics: readonly NicDraft[], reserved: readonly MacAddress[], findings: Findings,
): Map<NicDraft, MacAddress> {
  const owners = new Map<string, string>(reserved.map((mac) => [mac.toString(), 'a pod NIC']));
  const result = new Map<NicDraft, MacAddress>();

  for (const nic of nics.filter((n) => n.mac !== undefined)) {
    const mac = readValue(() => MacAddress.parse(nic.mac as string), 'VM007', `${nic.path}.mac`,
      findings);
    if (mac === undefined) {
      continue;
    }
    const owner = owners.get(mac.toString());
    const problem = !mac.isUnicast ? 'is a multicast address; a NIC needs a unicast one'
      : owner !== undefined ? `is already the MAC of ${owner}` : undefined;
    if (problem !== undefined) {
      findings.error('VM007', {
        path: `${nic.path}.mac`,
        message: `mac ${mac} ${problem}`,
        hint: 'give every NIC its own unicast MAC (lowest bit of the first octet clear), or '
          + 'leave mac out for a stable generated one',
      });
      continue;
    }
    owners.set(mac.toString(), nic.path);
    result.set(nic, mac);
  }

  for (const nic of nics.filter((n) => n.mac === undefined)) {
    const digest = sha256(nic.seed);
    DIGESTS.set(nic, digest);
    let mac = MacAddress._fromDigest(digest);
    for (let attempt = 1; owners.has(mac.toString()); attempt++) {
      mac = MacAddress.generate(`${nic.seed}#${attempt}`);
    }
    owners.set(mac.toString(), nic.path);
    result.set(nic, mac);
  }
  return result;
}

/** The addresses of one network and who holds them. */
interface Pool {
  readonly cidr: Cidr;
  /** Whether guests get their address from DHCP (given addresses are only checked). */
  readonly dhcp: boolean;
  /** Addresses never given to a guest, with why. */
  readonly reserved: ReadonlyArray<{ start: IpAddress; end: IpAddress; why: string }>;
  /** Addresses held by NICs: address → NIC path. */
  readonly holders: Map<string, string>;
}

/**
 * Gives NICs their static addresses (VM008, VM009).
 *
 * A given `ip` is checked against the network's range: the static range of a
 * Userspace CNI network, or the subnet of a Kube-OVN network (where it pins
 * the address Kube-OVN's DHCP hands out). A NIC on a static range without an
 * `ip` gets one allocated.
 *
 * Allocation is stable: the address is found by hashing the NIC's seed into
 * the range's host addresses and probing forward past taken ones (network,
 * broadcast, gateway, given and earlier addresses). A NIC keeps its address
 * when other VMs come and go, except when its hashed address was taken by
 * one of them and it probed on. Given addresses are placed first, then the
 * others in spec order. Probing stops after as many steps as addresses are
 * taken, so it never loops.
 */
export function assignAddresses(
  nics: readonly NicDraft[], subnets: readonly SubnetPlan[], findings: Findings,
): Map<NicDraft, InterfaceAddress> {
  const pools = new Map<NetworkPlan, Pool>();
  const poolOf = (network: NetworkPlan) => {
    if (!pools.has(network)) {
      const pool = makePool(network, subnets);
      if (pool !== undefined) {
        pools.set(network, pool);
      }
    }
    return pools.get(network);
  };
  const result = new Map<NicDraft, InterfaceAddress>();

  for (const nic of nics) {
    if (nic.ip === undefined || nic.network === undefined) {
      continue;
    }
    const pool = poolOf(nic.network);
    const address = pool === undefined ? noRange(nic, findings)
      : checkGiven(nic, pool, findings);
    if (pool !== undefined && address !== undefined) {
      pool.holders.set(address.toString(), nic.path);
      result.set(nic, withPrefix(address, pool.cidr));
    }
  }

  for (const nic of nics) {
    const pool = nic.ip === undefined && nic.network !== undefined
      ? poolOf(nic.network) : undefined;
    if (pool === undefined || pool.dhcp) {
      continue;
    }
    const address = allocate(nic, pool, findings);
    if (address !== undefined) {
      pool.holders.set(address.toString(), nic.path);
      result.set(nic, withPrefix(address, pool.cidr));
    }
  }
  return result;
}

function makePool(network: NetworkPlan, subnets: readonly SubnetPlan[]): Pool | undefined {
  const edges = (cidr: Cidr) => [
    { start: cidr.network, end: cidr.network, why: 'the network address' },
    ...(cidr.version === 4
      ? [{ start: cidr.broadcast, end: cidr.broadcast, why: 'the broadcast address' }] : []),
  ];
  const subnet = subnets.find((s) => s.network.name === network.name
    && s.network.namespace === network.namespace);
  if (network.dhcp && subnet !== undefined) {
    const cidr = Cidr.parse(subnet.cidr);
    const excluded = subnet.excludeIps.map((entry) => {
      const [start, end] = entry.split('..').map((part) => IpAddress.parse(part));
      return { start, end: end ?? start, why: `excluded by subnet ${subnet.name}` };
    });
    return { cidr, dhcp: true, reserved: [...edges(cidr), ...excluded], holders: new Map() };
  }
  const range = network.staticRange;
  if (range === undefined) {
    return undefined;
  }
  const gateway = range.gateway === undefined ? []
    : [{ start: range.gateway, end: range.gateway, why: 'the gateway' }];
  return {
    cidr: range.cidr,
    dhcp: false,
    reserved: [...edges(range.cidr), ...gateway],
    holders: new Map(),
  };
}

function noRange(nic: NicDraft, findings: Findings): undefined {
  findings.error('VM008', {
    path: `${nic.path}.ip`,
    message: `ip ${nic.ip} is given, but network ${nic.network?.name} has no address range`,
    hint: `add a cidr to network ${nic.network?.name}, or remove the ip and configure the `
      + 'address inside the guest',
  });
  return undefined;
}

function checkGiven(nic: NicDraft, pool: Pool, findings: Findings): IpAddress | undefined {
  const path = `${nic.path}.ip`;
  const address = readValue(() => IpAddress.parse(nic.ip as string), 'VM008', path, findings);
  if (address === undefined) {
    return undefined;
  }
  const reserved = pool.reserved.find((r) => r.start.compare(address) <= 0
    && address.compare(r.end) <= 0 && r.start.version === address.version);
  const holder = pool.holders.get(address.toString());
  const problem = !pool.cidr.contains(address) ? `is outside ${pool.cidr}`
    : reserved !== undefined ? `is ${reserved.why}`
      : holder !== undefined ? `is already the address of ${holder}` : undefined;
  if (problem === undefined) {
    return address;
  }
  findings.error('VM008', {
    path,
    message: `ip ${address} on network ${nic.network?.name} ${problem}`,
    hint: `give a free host address of ${pool.cidr}, or leave ip out`
      + (pool.dhcp ? ' for DHCP' : ' to have one allocated'),
  });
  return undefined;
}

function allocate(nic: NicDraft, pool: Pool, findings: Findings): IpAddress | undefined {
  const { cidr } = pool;
  const hosts = cidr.size - (cidr.version === 4 ? 2n : 1n);
  const taken = (address: IpAddress) => pool.holders.has(address.toString())
    || pool.reserved.some((r) => r.start.compare(address) <= 0 && address.compare(r.end) <= 0);
  const budget = BigInt(pool.holders.size + pool.reserved.length) + 1n;
  const start = hashOf(nic) % hosts;

  for (let step = 0n; step < budget && step < hosts; step++) {
    const address = cidr.hostAt(1n + ((start + step) % hosts));
    if (!taken(address)) {
      return address;
    }
  }
  findings.error('VM009', {
    path: `${nic.path}.network`,
    message: `network ${nic.network?.name} has no free address left in ${cidr} for this NIC`,
    hint: `widen the cidr of network ${nic.network?.name}, or give fewer NICs on it`,
  });
  return undefined;
}

function withPrefix(address: IpAddress, cidr: Cidr): InterfaceAddress {
  return InterfaceAddress._of(address, cidr.prefixLength);
}

/**
 * The SHA-256 of the seed of each NIC given a generated MAC, which is the
 * digest its address starts from as well.
 */
const DIGESTS = new WeakMap<NicDraft, Buffer>();

/** The first 64 bits of the NIC's seed's SHA-256, as a number to start probing from. */
function hashOf(nic: NicDraft): bigint {
  return (DIGESTS.get(nic) ?? sha256(nic.seed)).readBigUInt64BE(0);
}
