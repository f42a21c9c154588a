# Shared by scripts/demo and scripts/test (source it, do not run it).
# Provides: package set-up, CMake configure/build helpers, phase timing.

WK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WK_JOBS=${WIREKIT_JOBS:-2}

# Debian 12 packages the build, the tests and the demo need.
WK_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libfmt-dev nlohmann-json3-dev libgtest-dev libbenchmark-dev
  libpcap-dev zlib1g-dev libbz2-dev libtins-dev
  clang libclang-rt-14-dev
  tshark python3-os-ken valgrind bgpdump isc-dhcp-client iproute2
  ccache
)

# Real peers for the session interop tests (issue 8). Installed by scripts/test when it can; when
# the registry cannot be reached, scripts/test goes on and the tests that need them skip, naming
# the package (a warning in the setup phase and the summary says which are missing).
WK_PEER_PACKAGES=(
  gobgpd openvswitch-switch openvswitch-common openvswitch-testcontroller
)

wk_log() { printf '== %s\n' "$*"; }

# Whether the package registry looks reachable: apt is set to use a proxy, or a host named in
# the apt sources resolves within 5 s. Used before the optional peer packages, so that a machine
# without the registry does not spend minutes on apt's retries for them.
wk_registry_reachable() {
  apt-config dump 2>/dev/null | grep -qi 'proxy "[^"]' && return 0
  local h
  for h in $(grep -rhE '^[^#]*https?://' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
             grep -oE 'https?://[^/ ]+' | sed -E 's#https?://##' | sort -u); do
    timeout 5 getent hosts "$h" >/dev/null 2>&1 && return 0
  done
  return 1
}
wk_warn() { printf 'warning: %s\n' "$*" >&2; }

wk_missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || printf '%s\n' "$p"
  done
}

# Installs whichever of the given packages (default: WK_PACKAGES) are missing. Needs root for
# that; without root it names the missing packages and returns 1.
wk_ensure_packages() {
  local pkgs=("$@")
  [ ${#pkgs[@]} -gt 0 ] || pkgs=("${WK_PACKAGES[@]}")
  if ! command -v dpkg-query >/dev/null; then
    wk_warn "dpkg-query not found: not a Debian system, not checking packages"
    return 0
  fi
  local missing
  mapfile -t missing < <(wk_missing_packages "${pkgs[@]}")
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "error: these Debian packages are missing: ${missing[*]}" >&2
    echo "install them as root with:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    return 1
  fi
  wk_log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # tshark asks whether non-root users may capture; answer no without a prompt.
  echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections
  # Keep package scripts from starting services (see shared/docs/peers.md).
  local made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  local rc=0
  if [ -z "${WK_APT_UPDATED:-}" ]; then
    apt-get update -q || rc=$?
    WK_APT_UPDATED=1
  fi
  [ $rc -eq 0 ] && { apt-get install -y -q --no-install-recommends "${missing[@]}" || rc=$?; }
  [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
  if [ $rc -ne 0 ]; then
    echo "error: apt-get failed ($rc)" >&2
    return $rc
  fi
  mapfile -t missing < <(wk_missing_packages "${pkgs[@]}")
  if [ ${#missing[@]} -gt 0 ]; then
    echo "error: still missing after apt-get: ${missing[*]}" >&2
    return 1
  fi
}

# ccache (unless WIREKIT_NO_CCACHE is set): CI runs in a fresh clone on the machine where the
# developer ran scripts/test, so objects cached there are reused. Paths under the project are
# hashed relative to it, and the build folder is left out of the hash (it is only recorded in
# the debug info), so that clones in different folders share the cache.
wk_use_ccache() {
  [ -z "${WIREKIT_NO_CCACHE:-}" ] && command -v ccache >/dev/null
}

# wk_configure BUILD_DIR [cmake args...]: configures with Ninja (and ccache when installed).
wk_configure() {
  local dir=$1
  shift
  local launcher=(-UCMAKE_CXX_COMPILER_LAUNCHER)
  if wk_use_ccache; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$WK_ROOT}
    export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
  fi
  mkdir -p "$dir"
  cmake -S "$WK_ROOT" -B "$dir" -G Ninja "${launcher[@]}" "$@" >"$dir/wirekit-configure.log" 2>&1 || {
    cat "$dir/wirekit-configure.log" >&2
    return 1
  }
}

# wk_build BUILD_DIR [targets...]
wk_build() {
  local dir=$1
  shift
  ninja -C "$dir" -j "$WK_JOBS" "$@"
}

# Phase timing: wk_phase_begin NAME ... wk_phase_end RESULT (ok|FAILED|skipped|...).
# Besides the elapsed time, the CPU time of the phase's finished child processes is shown: on a
# busy machine it tells what the phase costs (on an idle 2-core machine, elapsed ~ cpu / 2 for
# the builds).
WK_PHASES=()
WK_CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
wk_cpu_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat" 2>/dev/null || echo 0; }
wk_phase_begin() {
  WK_PHASE_NAME=$1
  WK_PHASE_T0=$EPOCHREALTIME
  WK_PHASE_C0=$(wk_cpu_ticks)
  printf '\n== %s\n' "$1"
}
wk_phase_end() {
  local t1=$EPOCHREALTIME c1
  c1=$(wk_cpu_ticks)
  local secs cpu
  secs=$(awk -v a="$WK_PHASE_T0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  cpu=$(awk -v a="$WK_PHASE_C0" -v b="$c1" -v t="$WK_CLK_TCK" 'BEGIN { printf "%.1f", (b - a) / t }')
  WK_PHASES+=("$(printf '%-10s %8ss %8ss  %s' "$WK_PHASE_NAME" "$secs" "$cpu" "$1")")
  printf -- '-- %s: %s (%ss, cpu %ss)\n' "$WK_PHASE_NAME" "$1" "$secs" "$cpu"
}
wk_print_phases() {
  local l
  printf '%-10s %9s %9s  %s\n' phase elapsed cpu result
  for l in "${WK_PHASES[@]}"; do echo "$l"; done
}
