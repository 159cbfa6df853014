#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real: Open vSwitch with DPDK,
# DPDK's testpmd, shellcheck and iproute2. Installs only what is missing, runs
# `apt-get update` at most once, never starts a system service, and returns at once
# when everything is present. Called by `npm run test:all` and by CI before jest.
#
# Usage: bash scripts/install-test-deps.sh          (as root when something is missing)
#        bash scripts/install-test-deps.sh --check  (report only; exit 1 if incomplete)
set -euo pipefail

# Debian 12 package names. dpdk-testpmd ships in dpdk-dev (not in dpdk).
readonly PACKAGES=(
  openvswitch-switch-dpdk # ovs-vswitchd-dpdk; pulls openvswitch-switch + -common
  dpdk-dev                # /usr/bin/dpdk-testpmd
  shellcheck              # lints the generated bootstrap scripts
  iproute2                # ip: checks and removes TAP devices left by a netdev bridge
  qperf                   # the perf kit's latency and bandwidth tool, run over loopback
  iperf3                  # the perf kit's bandwidth tool (--json), run over loopback
  python3-yaml            # PyYAML: the generated bootstrap.sh merges the kubelet YAML with it
)

# The binaries the tests call, by the path the test helpers use.
readonly OVS_VSWITCHD_DPDK=/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk
readonly COMMANDS=(ovsdb-tool ovsdb-server ovs-vsctl ovs-ofctl ovs-appctl
  dpdk-testpmd shellcheck ip qperf iperf3 python3)
readonly POLICY_RC_D=/usr/sbin/policy-rc.d

log() { printf 'install-test-deps: %s\n' "$*" >&2; }

is_installed() {
  local status
  status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)
  [[ $status == 'install ok installed' ]]
}

missing_packages() {
  local pkg
  for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || printf '%s\n' "$pkg"
  done
}

# Debian's maintainer scripts start services through invoke-rc.d, which asks
# policy-rc.d first; exit code 101 means "action forbidden". Any policy already in
# place is put back afterwards.
POLICY_BACKUP=''
block_service_starts() {
  if [[ -e $POLICY_RC_D ]]; then
    POLICY_BACKUP=$(mktemp)
    cp -p "$POLICY_RC_D" "$POLICY_BACKUP"
  fi
  trap restore_service_policy EXIT
  printf '#!/bin/sh\n# written by install-test-deps.sh\nexit 101\n' >"$POLICY_RC_D"
  chmod 0755 "$POLICY_RC_D"
}

restore_service_policy() {
  if [[ -n $POLICY_BACKUP ]]; then
    cp -p "$POLICY_BACKUP" "$POLICY_RC_D"
    rm -f "$POLICY_BACKUP"
  else
    rm -f "$POLICY_RC_D"
  fi
}

install_packages() {
  if [[ $EUID -ne 0 ]]; then
    log "missing packages: $*"
    log "run this script as root (sudo bash $0), or: apt-get install $*"
    exit 1
  fi
  block_service_starts
  export DEBIAN_FRONTEND=noninteractive
  log "installing: $*"
  apt-get update -q
  apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}

verify_commands() {
  local cmd missing=0
  for cmd in "${COMMANDS[@]}"; do
    if ! command -v "$cmd" >/dev/null; then
      log "command not found after install: $cmd"
      missing=1
    fi
  done
  if [[ ! -x $OVS_VSWITCHD_DPDK ]]; then
    log "not executable: $OVS_VSWITCHD_DPDK (package openvswitch-switch-dpdk)"
    missing=1
  fi
  return "$missing"
}

main() {
  local -a missing
  mapfile -t missing < <(missing_packages)

  if [[ ${1:-} == --check ]]; then
    if ((${#missing[@]} > 0)); then
      log "missing packages: ${missing[*]}"
      exit 1
    fi
    verify_commands
    exit
  fi

  if ((${#missing[@]} > 0)); then
    install_packages "${missing[@]}"
  fi
  verify_commands
  # The tests start $OVS_VSWITCHD_DPDK by path; the ovs-vswitchd alternative is left
  # as the system has it (Debian prefers the non-DPDK build, priority 100 over 50).
  local dpdk
  dpdk=$(dpkg-query -W -f='${Version}' dpdk-dev)
  log "ready: $(ovs-vsctl --version | head -n 1), dpdk-dev $dpdk"
}

main "$@"
