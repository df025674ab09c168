#!/usr/bin/env bash
# Builds the .deb and proves it on this machine: installs it with apt (which pulls its declared
# dependencies), runs the installed program's --sanity-check, opens its window under Xvfb, times
# how long the window takes to appear and screenshots it, then purges the package and checks
# that nothing is left in /opt/sextant. Exits non-zero on the first failure.
# Needs root (dpkg), xvfb, xdotool and ImageMagick; ../shared/tools/xshot takes the screenshot.
# Usage: installers/verify-deb.sh [--skip-maven]   (extra options go to build.sh)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
xshot="${XSHOT:-$root/../shared/tools/xshot}"   # ../shared beside the project (developers, CI)
shot=docs/screenshots/installed-deb.png
fail() { echo "verify-deb: FAILED: $*" >&2; exit 1; }
say() { echo "verify-deb: $*" >&2; }

[ "$(id -u)" = 0 ] || fail "must run as root (installs a package)"
for t in apt-get dpkg xvfb-run xdotool import; do
  command -v "$t" >/dev/null || fail "$t not found (apt-get install -y xvfb xdotool imagemagick)"
done
[ -x "$xshot" ] || fail "screenshot tool $xshot not found (set XSHOT)"

installers/build.sh --only deb "$@" || fail "installers/build.sh"
deb="$(ls installers/target/dist/sextant_*.deb 2>/dev/null | head -1)"
[ -n "$deb" ] || fail "no .deb in installers/target/dist"
say "built $deb ($(du -h "$deb" | cut -f1))"

if dpkg -s sextant >/dev/null 2>&1; then
  say "removing a previously installed sextant"
  apt-get purge -y -qq sextant >/dev/null || fail "could not remove the old package"
fi
say "installing with apt-get (resolves the declared dependencies)"
apt-get install -y -qq "./$deb" >/dev/null || fail "apt-get install ./$deb"
dpkg -s sextant | grep -q '^Status: install ok installed' || fail "dpkg does not list sextant as installed"
exe=/opt/sextant/bin/Sextant
[ -x "$exe" ] || fail "$exe missing after install"
[ -f /opt/sextant/lib/sextant-Sextant.desktop ] || fail "desktop entry missing"

# A fresh home: the check must work from the installed files alone (model extracted from the
# bundled jar, sample corpus from the image), not from anything this machine already has.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
say "running the installed program's --sanity-check"
line="$(env -u SEXTANT_HOME -u XDG_DATA_HOME HOME="$home" "$exe" --sanity-check 2>"$home/err.txt")" \
  || fail "sanity check: $(grep -v WARNING "$home/err.txt" | tail -1)"
echo "$line"
case "$line" in "sanity-check ok:"*) ;; *) fail "unexpected sanity-check output: $line" ;; esac

# Time to a usable window: from launch until X maps a visible window titled Sextant, polled every
# 100 ms. First launch (fresh home: models extracted, sample workspace indexed in the background)
# and a second launch on the same home.
window_seconds() {
  xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
    start=$(date +%s%N); "$@" >/dev/null 2>&1 & pid=$!
    for _ in $(seq 1 1200); do
      if xdotool search --onlyvisible --name "^Sextant$" >/dev/null 2>&1; then
        end=$(date +%s%N); kill $pid; wait $pid 2>/dev/null
        awk -v n=$((end - start)) "BEGIN { printf \"%.2f\n\", n / 1e9 }"; exit 0
      fi
      kill -0 $pid 2>/dev/null || exit 1
      sleep 0.1
    done
    kill $pid; exit 1' window env -u SEXTANT_HOME -u XDG_DATA_HOME HOME="$home" "$exe"
}
gui_home="$(mktemp -d)"; home_before="$home"; home="$gui_home"
first="$(window_seconds)" || fail "no Sextant window within 120 s (first launch)"
second="$(window_seconds)" || fail "no Sextant window within 120 s (second launch)"
say "time to window: first launch ${first} s, second launch ${second} s"

say "screenshot of the installed program's window -> $shot"
mkdir -p "$(dirname "$shot")"
env -u SEXTANT_HOME -u XDG_DATA_HOME HOME="$gui_home" "$xshot" -t '^Sextant$' -w 120 "$shot" -- "$exe" \
  || fail "screenshot"
[ -s "$shot" ] || fail "empty screenshot"
rm -rf "$gui_home"; home="$home_before"

say "removing the package"
apt-get purge -y -qq sextant >/dev/null || fail "apt-get purge sextant"
dpkg -s sextant >/dev/null 2>&1 && fail "dpkg still knows sextant after purge: $(dpkg -s sextant | grep ^Status)"
[ ! -e /opt/sextant ] || fail "/opt/sextant left behind after removal: $(find /opt/sextant | head -5)"
[ ! -e /usr/share/applications/sextant-Sextant.desktop ] || fail "desktop entry left behind after removal"

echo "verify-deb: ok: $(basename "$deb") $(du -h "$deb" | cut -f1); $line; window in ${first} s (first launch), ${second} s (second)"
