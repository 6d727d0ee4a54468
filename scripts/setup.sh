# Sourced by scripts/run and scripts/test: installs the Debian packages the build and the
# tests need (as root, via apt-get), then configures and builds a CMake preset.
# Usage: sb_setup <preset> [extra packages...]

SB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Everything the build and the test suite need, from Debian bookworm.
SB_PACKAGES=(
  cmake ninja-build g++ pkg-config ccache
  qt6-base-dev libqt6opengl6-dev qt6-websockets-dev qt6-charts-dev libqt6sql6-sqlite
  qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
  libsodium-dev libssl-dev libavahi-client-dev
  libhiredis-dev libqt6sql6-psql libpq-dev libqrencode-dev libsqlite3-dev
  python3 python3-websockets
)
# Only the test suite needs these: headless Chromium for the web page tests, curl as a client,
# avahi-daemon (and its D-Bus) to find announced nodes for real,
# redis-server and PostgreSQL 15 for the cluster tests (started in a scratch directory) and
# HAProxy in front of their nodes (docs/examples/haproxy.cfg),
# zbarimg to read the QR codes the app draws,
# and the tools that build and check the .deb.
SB_TEST_PACKAGES=(chromium fonts-dejavu-core curl dpkg-dev desktop-file-utils appstream avahi-daemon avahi-utils dbus-daemon
  redis-server postgresql-15 haproxy zbar-tools)

sb_missing_packages() {
  local missing=() p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  echo "${missing[@]}"
}

sb_install_packages() {
  local missing
  missing=$(sb_missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "==> installing Debian packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
  else
    echo "Switchboard needs these Debian packages, which are not installed:" >&2
    echo "  $missing" >&2
    echo "Install them with:  sudo apt-get install $missing" >&2
    echo "(or run this script as root and it installs them itself)" >&2
    return 1
  fi
}

# Node.js and npm for the browser tests (playwright-core drives Debian's Chromium). A Node
# that is already installed (e.g. from NodeSource, which bundles npm) is used as it is.
sb_install_node() {
  if command -v node >/dev/null && command -v npm >/dev/null; then
    return 0
  fi
  sb_install_packages nodejs npm
}

sb_setup() {
  local preset="$1"
  shift
  sb_install_packages "${SB_PACKAGES[@]}" "$@" || return 1
  cd "$SB_ROOT" || return 1
  export CCACHE_DIR="${CCACHE_DIR:-$SB_ROOT/build/.ccache}"
  echo "==> configuring ($preset)"
  cmake --preset "$preset" >/dev/null || cmake --preset "$preset" || return 1
  echo "==> building ($preset)"
  cmake --build --preset "$preset" -- -j"$(nproc)" || return 1
}
