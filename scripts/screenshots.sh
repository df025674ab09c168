#!/usr/bin/env bash
# Saves screenshots of the workbench's main states to docs/screenshots/ (or $1): empty workspace,
# indexing, results, inspector (after moving through results and "find similar"), the Explore
# tab's map, dark theme.
# Runs the real app under a virtual display with a fresh data folder, drives it with xdotool and
# captures with ImageMagick. Needs xvfb, xdotool and imagemagick (installed with apt when root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$(cd "${1:-$root/docs/screenshots}" 2>/dev/null && pwd || { mkdir -p "${1:-$root/docs/screenshots}"; cd "${1:-$root/docs/screenshots}"; pwd; })"
need=()
command -v xvfb-run >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
  else echo "screenshots: install ${need[*]} first" >&2; exit 2; fi
fi
"$root/sextant" --version >/dev/null   # builds if needed, outside the timed part

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export SEXTANT_HOME="$home" SEXTANT_ROOT="$root" OUT="$out"
exec xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
set -euo pipefail
shot() { sleep "${2:-1}"; import -window root "$OUT/$1.png"; echo "screenshots: $OUT/$1.png"; }
window() { # waits for a window whose title matches $1, prints its id
  for i in $(seq 1 240); do w=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1 || true); [ -n "$w" ] && { echo "$w"; return; }; sleep 0.25; done
  echo "screenshots: no window titled $1" >&2; return 1; }
settle() { # waits until the title no longer says indexing
  for i in $(seq 1 600); do t=$(xdotool getwindowname "$1" 2>/dev/null || true); case "$t" in *indexing*) sleep 0.5;; *) return;; esac; done; }
cd "$SEXTANT_ROOT"

# 1. An empty workspace: the drop target.
./sextant gui --workspace "$SEXTANT_HOME/workspaces/empty" & pid=$!
w=$(window "^Sextant"); sleep 3; shot workbench-empty 0
xdotool windowfocus "$w"; xdotool key ctrl+q; wait $pid 2>/dev/null || true

# 2. First run on the sample workspace: indexing, then results and the inspector.
rm -f "$SEXTANT_HOME/settings.properties"
./sextant & pid=$!
w=$(window "indexing [1-9]"); shot workbench-indexing 0.3
settle "$w"; sleep 1
true
xdotool windowfocus "$w"; xdotool key ctrl+k
xdotool type --delay 40 "why does the sea rise and fall twice a day"
shot workbench-results 8
xdotool key --delay 150 Down Down
shot workbench-inspector 3
xdotool key ctrl+shift+f
shot workbench-similar 5
# 3. The Explore tab: the sample passages on a PCA map with the query above and its hits.
xdotool key ctrl+Next; sleep 1; xdotool key space
shot explore-sample 4
xdotool key ctrl+Prior
xdotool key ctrl+k
xdotool type --delay 40 "how to keep a sourdough starter alive"
xdotool key ctrl+d
shot workbench-dark 6
xdotool key ctrl+d
xdotool windowfocus "$w"; xdotool key ctrl+q; wait $pid 2>/dev/null || true
'
