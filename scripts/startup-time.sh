#!/usr/bin/env bash
# Measures the workbench's cold start on this machine: from running ./sextant to (a) the window
# on screen and (b) the window usable (workspace open, its name in the title). In the same run,
# alternating with it, a bare JavaFX window (one Label, same JVM and JavaFX jars) is timed as the
# floor no JavaFX app can beat. Prints medians in milliseconds; RUNS (default 5) per candidate.
# Needs xvfb and xdotool (installed with apt when root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"
cd "$sextant_root"
for p in xvfb-run:xvfb xdotool:xdotool; do
  command -v "${p%%:*}" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq "${p##*:}" >/dev/null; }
done
./sextant --version >/dev/null   # build outside the timed part
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
export SEXTANT_HOME="$work/home"
# An indexed sample workspace, so the timed runs measure start-up, not first-run indexing.
./sextant index sample-corpora/documents --workspace "$SEXTANT_HOME/workspaces/sample" >/dev/null
mkdir -p "$work/bare"
cat > "$work/bare/Bare.java" <<'JAVA'
public class Bare {
  public static void main(String[] a) {
    javafx.application.Platform.startup(() -> {
      javafx.stage.Stage s = new javafx.stage.Stage();
      s.setTitle("Bare JavaFX");
      s.setScene(new javafx.scene.Scene(new javafx.scene.control.Label("hello"), 1360, 820));
      s.show();
    });
  }
}
JAVA
"$SEXTANT_JAVA_HOME/bin/javac" -d "$work/bare" -cp "app/target/lib/*" "$work/bare/Bare.java"
export RUNS="${RUNS:-5}" WORK="$work" JAVA="$SEXTANT_JAVA_HOME/bin/java"
xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
wait_title() { # $1 regex, $2 start ns; prints elapsed ms when a visible window has that title
  for i in $(seq 1 3000); do
    for w in $(xdotool search --onlyvisible --name "$1" 2>/dev/null); do ms "$2"; return; done
    sleep 0.01
  done; echo 99999; }
for r in $(seq 1 "$RUNS"); do
  t=$(date +%s%N); ./sextant >/dev/null 2>&1 & pid=$!
  shown=$(wait_title "^Sextant" "$t"); usable=$(wait_title "^Sextant — sample" "$t")
  kill $pid; wait $pid 2>/dev/null || true
  echo "sextant $shown $usable"
  t=$(date +%s%N); "$JAVA" -cp "$WORK/bare:app/target/lib/*" Bare >/dev/null 2>&1 & pid=$!
  bare=$(wait_title "^Bare JavaFX" "$t")
  kill $pid; wait $pid 2>/dev/null || true
  echo "bare $bare"
done' > "$work/times"
python3 - "$work/times" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
shown = [int(r[1]) for r in rows if r[0] == "sextant"]
usable = [int(r[2]) for r in rows if r[0] == "sextant"]
bare = [int(r[1]) for r in rows if r[0] == "bare"]
med = statistics.median
print(f"runs: {len(shown)} each, interleaved")
print(f"sextant window on screen: median {med(shown):.0f} ms (min {min(shown)}, max {max(shown)})")
print(f"sextant usable (workspace open): median {med(usable):.0f} ms (min {min(usable)}, max {max(usable)})")
print(f"bare JavaFX window: median {med(bare):.0f} ms (min {min(bare)}, max {max(bare)})")
print(f"ratio usable / bare: {med(usable) / med(bare):.2f}")
PY
