#!/usr/bin/env bash
# Reproduces the SciFact table in docs/EVAL.md: every built-in model under MTEB's protocol (exact
# and HNSW), BM25, and hybrid (RRF and convex). Corpus embeddings are cached after the first run
# of each model, so later setups cost only indexing and queries.
#   scripts/eval-scifact.sh [OUT_DIR]      (default docs/results)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${SCIFACT:-$root/../shared/data/scifact}"
out="${1:-$root/docs/results}"
cmd="${SEXTANT_CMD:-$root/sextant}"
mkdir -p "$out"
run() { local name=$1; shift; echo "== $name" >&2; $cmd eval --beir "$data" --json "$out/$name.json" "$@"; }

run bm25 --mode keyword
for m in all-minilm-l6-v2 bge-small-en-v1.5 e5-small-v2 all-minilm-l6-v2-q bge-small-en-v1.5-q e5-small-v2-q; do
  run "$m-semantic-exact" --model "$m" --mode semantic --exact
  run "$m-semantic-hnsw" --model "$m" --mode semantic
  run "$m-hybrid-rrf" --model "$m" --mode hybrid --fusion rrf
  run "$m-hybrid-convex" --model "$m" --mode hybrid --fusion convex --alpha 0.5
done
