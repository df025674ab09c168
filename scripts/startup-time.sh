#!/usr/bin/env bash
# Measures the workbench's cold start on this machine against a bare JavaFX window, in one run:
# a thin wrapper over `./sextant bench coldstart` (services/bench/ColdStartSuite, the one
# implementation), which indexes the sample workspace first and times launch to window, to usable
# window and to a first search result. RUNS (default 5) per candidate; extra arguments go to the
# suite (e.g. --json FILE). Needs xvfb and xdotool (installed with apt when root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for p in xvfb-run:xvfb xdotool:xdotool; do
  command -v "${p%%:*}" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq "${p##*:}" >/dev/null; }
done
"$here/../sextant" --version >/dev/null   # build outside the timed part
exec xvfb-run -a -s "-screen 0 1440x900x24" "$here/../sextant" bench coldstart --reps "${RUNS:-5}" "$@"
