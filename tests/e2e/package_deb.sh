#!/usr/bin/env bash
# The .deb as a user gets it: built with CPack, unpacked into a scratch root (dpkg -x),
# its switchboardd run to answer /healthz, its desktop entry and AppStream file validated.
set -euo pipefail
build="$1"
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
pid=
passed=0
failed=0
check() { if eval "$2"; then echo "ok   $1"; passed=$((passed + 1)); else echo "FAIL $1"; failed=$((failed + 1)); fi; }

(cd "$build" && cpack -G DEB -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/switchboard_*.deb)
check "cpack made a .deb" "[ -f '$deb' ]"
dpkg-deb -x "$deb" "$work/root"
deps=$(dpkg-deb -f "$deb" Depends)
check "Depends computed by dpkg-shlibdeps (Qt WebSockets, libsodium)" "[[ '$deps' == *libqt6websockets6* && '$deps' == *libsodium23* ]]"
root="$work/root"
check "switchboard and switchboardd installed" "[ -x '$root/usr/bin/switchboard' ] && [ -x '$root/usr/bin/switchboardd' ]"
version=$("$root/usr/bin/switchboardd" --version)
check "installed switchboardd --version: $version" "[[ '$version' == 'switchboardd 0.1.0' ]]"

"$root/usr/bin/switchboardd" --data-dir "$work/data" --listen-address 127.0.0.1 \
    --port chat=0 --port generic=0 --port channels=0 --port felix=0 --port pop=0 > "$work/out.log" 2>"$work/err.log" &
pid=$!
url=
for _ in $(seq 1 100); do
    url=$(grep -m1 -o 'listening chat,generic http://[0-9.:]*' "$work/out.log" | awk '{print $3}' || true)
    [ -n "$url" ] && break
    sleep 0.1
done
check "installed switchboardd listens: $url" "[ -n '$url' ]"
check "GET /healthz answers 200" "[ \"\$(curl -s -o /dev/null -w '%{http_code}' '$url/healthz')\" = 200 ]"
kill -TERM $pid
wait $pid
check "SIGTERM: exit 0" "true"
pid=

check "desktop-file-validate" "desktop-file-validate '$root/usr/share/applications/switchboard.desktop'"
check "appstreamcli validate" "appstreamcli validate --no-net '$root/usr/share/metainfo/io.github.switchboard.Switchboard.metainfo.xml' >/dev/null"
check "icons: SVG and PNG sizes" "[ -f '$root/usr/share/icons/hicolor/scalable/apps/switchboard.svg' ] && [ -f '$root/usr/share/icons/hicolor/48x48/apps/switchboard.png' ]"
check "man pages" "[ -f '$root/usr/share/man/man1/switchboardd.1' ] && [ -f '$root/usr/share/man/man1/switchboard.1' ]"
unit="$root/usr/lib/systemd/system/switchboardd.service"
check "systemd unit: own user, state directory, restart, hardening" \
    "grep -q '^User=switchboard' '$unit' && grep -q '^StateDirectory=switchboard' '$unit' && grep -q '^Restart=on-failure' '$unit' && grep -q '^ProtectSystem=strict' '$unit'"
dpkg-deb -e "$deb" "$work/control"
check "postinst creates the service user" "grep -q 'adduser --system' '$work/control/postinst'"

echo "$passed checks passed, $failed failed"
[ "$failed" -eq 0 ]
