#!/usr/bin/env python3
"""Prints the Markdown table of docs/EVAL.md from the JSON files scripts/eval-scifact.sh writes.

    python3 scripts/eval-table.py docs/results
"""
import json
import pathlib
import sys

MTEB = {"all-minilm-l6-v2": 0.6451, "bge-small-en-v1.5": 0.7127, "e5-small-v2": 0.6885}
PYSERINI_BM25 = 0.6789

d = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs/results")
rows = {p.stem: json.loads(p.read_text()) for p in sorted(d.glob("*.json")) if p.stem != "bench-embed"}


def get(name, key="ndcg@10"):
    r = rows.get(name)
    return None if r is None else r[key]


def f(x):
    return "—" if x is None else f"{x:.4f}"


print("| setup | nDCG@10 | published | Δ | MRR@10 | R@10 | R@100 | query p50 / p95 ms |")
print("|---|---|---|---|---|---|---|---|")
bm = rows.get("bm25")
if bm:
    print(f"| BM25 (EnglishAnalyzer, k1 0.9, b 0.4) | **{f(bm['ndcg@10'])}** | {PYSERINI_BM25} (Pyserini flat) | "
          f"{bm['ndcg@10'] - PYSERINI_BM25:+.4f} | {f(bm['mrr@10'])} | {f(bm['recall@10'])} | {f(bm['recall@100'])} | "
          f"{bm['query_ms_p50']:.1f} / {bm['query_ms_p95']:.1f} |")
for base in MTEB:
    for model in (base, base + "-q"):
        for setup, label in (("semantic-exact", "semantic, exact"), ("semantic-hnsw", "semantic, HNSW M16/beam100"),
                             ("hybrid-rrf", "hybrid, RRF k=60"), ("hybrid-convex", "hybrid, convex α=0.5")):
            r = rows.get(f"{model}-{setup}")
            if not r:
                continue
            ref, refname = None, ""
            if setup == "semantic-exact":
                ref = MTEB[base] if model == base else get(f"{base}-semantic-exact")
                refname = "MTEB" if model == base else "fp32 twin"
            elif setup == "semantic-hnsw":
                ref, refname = get(f"{model}-semantic-exact"), "exact"
            else:
                ref = max(x for x in (get("bm25"), get(f"{model}-semantic-exact")) if x is not None)
                refname = "best single"
            delta = "—" if ref is None else f"{r['ndcg@10'] - ref:+.4f}"
            print(f"| {model}, {label} | **{f(r['ndcg@10'])}** | {f(ref)} ({refname}) | {delta} | {f(r['mrr@10'])} | "
                  f"{f(r['recall@10'])} | {f(r['recall@100'])} | {r['query_ms_p50']:.1f} / {r['query_ms_p95']:.1f} |")
