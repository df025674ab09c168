#!/usr/bin/env bash
# Indexes ../shared/docs plus generated hostile files with the real CLI and prints the table for
# docs/HOSTILE.md: files tried, indexed, failed by kind, peak memory of the CLI process.
#   scripts/hostile-report.sh [MODEL]      (default all-minilm-l6-v2-q)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:-all-minilm-l6-v2-q}"
shared="$root/../shared/docs"
[ -d "$shared" ] || { echo "no $shared" >&2; exit 1; }
work="$(mktemp -d /tmp/sextant-hostile.XXXXXX)"
trap 'rm -rf "$work"' EXIT
h="$work/hostile"
mkdir -p "$h/loop" "$h/deep"
: > "$h/empty.txt"
printf 'text under a name that is not UTF-8\n' > "$h/$(printf 'bad\377name.txt')"
python3 - "$h" <<'PY'
import sys, zipfile, os, random
h = sys.argv[1]
with zipfile.ZipFile(os.path.join(h, "bomb.zip"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    with z.open("aaaa.txt", "w") as f:
        line = b"a" * 79 + b"\n"
        for _ in range((40 << 20) // len(line)):
            f.write(line)
with open(os.path.join(h, "deep", "nested.html"), "w") as f:
    f.write("<html><body>" + "<div>" * 200000 + "deep text" + "</div>" * 200000 + "</body></html>")
random.seed(8)
with open(os.path.join(h, "random-bytes.pdf"), "wb") as f:
    f.write(bytes(random.getrandbits(8) for _ in range(65536)))
with open(os.path.join(h, "plain-text.docx"), "w") as f:
    f.write("This is plain text wearing a .docx name.\n" * 20)
PY
cp "$root/sample-corpora/documents/tides-and-the-moon.pdf" "$h/pdf-named.txt"
# A 1 GB text file: parsed up to the write limit, chunked up to the per-file cap, noted "truncated".
python3 - "$h/huge.log" <<'PY'
import sys
line = b"2026-12-05 12:00:00 INFO worker 7 finished a request and wrote its state to disk.\n"
block = line * ((8 << 20) // len(line))
with open(sys.argv[1], "wb") as f:
    for _ in range(128):
        f.write(block)
PY
# Unreadable file and folder. Root ignores file modes (CAP_DAC_OVERRIDE), so when run as root the
# CLI runs without that capability (setpriv), still as uid 0, and mode 000 denies it as any user.
printf 'nobody may read this\n' > "$h/unreadable.txt"
mkdir -p "$h/locked" && printf 'locked away\n' > "$h/locked/inside.txt"
chmod 000 "$h/unreadable.txt" "$h/locked"
drop=()
if [ "$(id -u)" = 0 ] && setpriv --bounding-set=-dac_override,-dac_read_search -- true 2>/dev/null; then
  drop=(setpriv --bounding-set=-dac_override,-dac_read_search --)
fi
ln -s .. "$h/loop/parent-link"            # a cycle
ln -s /etc "$h/link-out-of-root"          # leaves the dropped folder
ws="$work/ws"
SEXTANT_JVM_OPTS="${SEXTANT_JVM_OPTS:-}" /usr/bin/time -v -o "$work/time.txt" \
  "${drop[@]}" "$root/sextant" index "$shared" "$h" --workspace "$ws" --models "$model" --json "$work/report.json" \
  > "$work/out.txt" 2> "$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
python3 - "$work/report.json" "$work/time.txt" <<'PY'
import json, sys, collections, re
r = json.load(open(sys.argv[1]))
t = open(sys.argv[2]).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) // 1024
wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", t).group(1)
kinds = collections.Counter(f.get("kind", "other") for f in r["failures"])
print(f"| files tried | {r['files_seen']} (+{kinds.get('skipped', 0)} skipped by the walk) |")
print(f"| indexed | {r['files_indexed']} |")
print(f"| failed | {r['files_failed']} |")
for k, n in sorted(kinds.items()):
    print(f"| failed: {k} | {n} |")
print(f"| indexed with a note | {len(r.get('notes', []))} |")
print(f"| chunks | {r['chunks']} |")
print(f"| peak RSS of the CLI JVM | {rss} MB |")
print(f"| wall time | {wall} |")
print()
for f in sorted(r["failures"], key=lambda f: (f.get("kind", ""), f["path"])):
    p = f["path"].split("/docs/", 1)[-1].split("/hostile/", 1)[-1]
    print(f"| {f.get('kind', '')} | `{p}` | {f['reason'][:110]} |")
for f in r.get("notes", []):
    p = f["path"].split("/docs/", 1)[-1].split("/hostile/", 1)[-1]
    print(f"| note: {f.get('kind', '')} | `{p}` | {f['reason'][:110]} |")
PY
