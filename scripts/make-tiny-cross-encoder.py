#!/usr/bin/python3
"""Writes a tiny ONNX model with a cross-encoder's signature, for testing the re-ranking wiring.

Real cross-encoder weights (ms-marco-MiniLM, bge-reranker) are not available from Maven Central,
Debian or npm, so the tests use this stand-in: inputs input_ids, attention_mask, token_type_ids
([batch, seq], int64) and output logits ([batch, 1], float), as in Hugging Face's ONNX exports.

What it computes: a hashed bag of words. Token ids are hashed into 1024 buckets, each bucket has a
fixed random 16-d vector; the logit is the dot product of the mean vector of the first segment
(query, token type 0) and that of the second (passage, token type 1), times 10. Passages sharing
words with the query therefore score higher, which is enough to check that pairs are encoded as
pairs and that scores reach the ranking. Needs Debian's python3-onnx (apt-get install python3-onnx).

Usage: scripts/make-tiny-cross-encoder.py OUT.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

BUCKETS, DIM = 1024, 16


def main(out):
    rng = np.random.default_rng(20261205)
    table = rng.standard_normal((BUCKETS, DIM)).astype(np.float32)
    inits = [
        numpy_helper.from_array(table, "table"),
        numpy_helper.from_array(np.array(BUCKETS, dtype=np.int64), "buckets"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2"),
        numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one"),
        numpy_helper.from_array(np.array(10.0, dtype=np.float32), "scale"),
    ]
    n = helper.make_node
    nodes = [
        n("Mod", ["input_ids", "buckets"], ["bucket"]),
        n("Gather", ["table", "bucket"], ["emb"], axis=0),  # [b, s, 16]
        n("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        n("Cast", ["token_type_ids"], ["tt"], to=TensorProto.FLOAT),
        n("Sub", ["one", "tt"], ["not_tt"]),
        n("Mul", ["mask", "not_tt"], ["qmask"]),  # [b, s]
        n("Mul", ["mask", "tt"], ["pmask"]),
    ]
    for side in ("q", "p"):
        nodes += [
            n("Unsqueeze", [side + "mask", "axis2"], [side + "m3"]),  # [b, s, 1]
            n("Mul", ["emb", side + "m3"], [side + "emb"]),
            n("ReduceSum", [side + "emb", "axis1"], [side + "sum"], keepdims=0),  # [b, 16]
            n("ReduceSum", [side + "mask", "axis1"], [side + "count"], keepdims=1),  # [b, 1]
            n("Max", [side + "count", "one"], [side + "safe"]),
            n("Div", [side + "sum", side + "safe"], [side + "vec"]),
        ]
    nodes += [
        n("Mul", ["qvec", "pvec"], ["prod"]),
        n("ReduceSum", ["prod", "axis1"], ["dot"], keepdims=1),  # [b, 1]
        n("Mul", ["dot", "scale"], ["logits"]),
    ]
    ins = [helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "seq"])
           for name in ("input_ids", "attention_mask", "token_type_ids")]
    outs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 1])]
    graph = helper.make_graph(nodes, "tiny_cross_encoder", ins, outs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                              producer_name="sextant-tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, out)


if __name__ == "__main__":
    main(sys.argv[1])
