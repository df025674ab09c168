#!/usr/bin/env python3
"""Writes a tiny CLIP-shaped model pair in the Hugging Face / Transformers.js layout, for tests:

  text_model.onnx    input_ids int64 [batch, seq], attention_mask int64 [batch, seq]
                     -> text_embeds float [batch, 512]
  vision_model.onnx  pixel_values float [batch, 3, 224, 224] -> image_embeds float [batch, 512]

Same names, types and shapes as Xenova/clip-vit-base-patch32, random weights (fixed seed), so
rankings are meaningless but every code path (tokenise, preprocess, run, normalise, index) runs.
Text: ids mod 1024 -> 32-wide table -> masked mean -> 32x512 projection. Vision: 32x32 average
pooling -> 147 values -> 147x512 projection. Both files stay far under 1 MB. Also writes a
CLIP-structured tokenizer.json (byte pieces only) and preprocessor_config.json (OpenAI's values).

  usage: make_tiny_clip.py OUT_DIR     needs: python3-onnx, python3-numpy (Debian)
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

D = 512


def text_model(rng):
    table = numpy_helper.from_array(rng.standard_normal((1024, 32)).astype(np.float32), "table")
    proj = numpy_helper.from_array(rng.standard_normal((32, D)).astype(np.float32), "proj")
    mod = numpy_helper.from_array(np.array(1024, dtype=np.int64), "mod")
    axis1 = numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1")
    nodes = [
        helper.make_node("Mod", ["input_ids", "mod"], ["ids"]),
        helper.make_node("Gather", ["table", "ids"], ["emb"]),                 # [b, s, 32]
        helper.make_node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["maskf", "axis2"], ["mask3"]),          # [b, s, 1]
        helper.make_node("Mul", ["emb", "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis1"], ["summed"], keepdims=0),  # [b, 32]
        helper.make_node("ReduceSum", ["maskf", "axis1"], ["count"], keepdims=1),    # [b, 1]
        helper.make_node("Div", ["summed", "count"], ["mean"]),
        helper.make_node("MatMul", ["mean", "proj"], ["text_embeds"]),
    ]
    axis2 = numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2")
    graph = helper.make_graph(
        nodes, "tiny_clip_text",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])],
        [helper.make_tensor_value_info("text_embeds", TensorProto.FLOAT, ["batch", D])],
        [table, proj, mod, axis1, axis2])
    return graph


def vision_model(rng):
    proj = numpy_helper.from_array(rng.standard_normal((147, D)).astype(np.float32), "proj")
    nodes = [
        helper.make_node("AveragePool", ["pixel_values"], ["pooled"], kernel_shape=[32, 32], strides=[32, 32]),
        helper.make_node("Flatten", ["pooled"], ["flat"], axis=1),             # [b, 147]
        helper.make_node("MatMul", ["flat", "proj"], ["image_embeds"]),
    ]
    return helper.make_graph(
        nodes, "tiny_clip_vision",
        [helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch", 3, 224, 224])],
        [helper.make_tensor_value_info("image_embeds", TensorProto.FLOAT, ["batch", D])],
        [proj])


def byte_alphabet():
    # GPT-2's reversible map of the 256 byte values onto printable characters (as CLIP uses).
    keep = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    chars, extra = keep[:], 0
    for b in range(256):
        if b not in keep:
            keep.append(b)
            chars.append(256 + extra)
            extra += 1
    return [chr(c) for _, c in sorted(zip(keep, chars))]


def tokenizer():
    """A CLIP-structured tokenizer.json (same normaliser, split pattern, byte-level BPE with the
    "</w>" suffix, start/end tokens) whose vocabulary is just the 512 single-byte pieces: every
    text tokenises, ids differ from real CLIP's beyond the byte pieces, which is fine for a model
    with random weights."""
    alphabet = byte_alphabet()
    vocab = {c: i for i, c in enumerate(alphabet)}
    vocab.update({c + "</w>": 256 + i for i, c in enumerate(alphabet)})
    start, end = len(vocab), len(vocab) + 1
    vocab["<|startoftext|>"] = start
    vocab["<|endoftext|>"] = end
    special = lambda i, c, norm: {"id": i, "content": c, "single_word": False, "lstrip": False,
                                  "rstrip": False, "normalized": norm, "special": True}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [special(start, "<|startoftext|>", True), special(end, "<|endoftext|>", False)],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "NFC"}, {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "}, {"type": "Lowercase"}]},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+"},
             "behavior": "Removed", "invert": True},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
        "post_processor": {"type": "RobertaProcessing", "sep": ["<|endoftext|>", end], "cls": ["<|startoftext|>", start],
                           "trim_offsets": False, "add_prefix_space": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<|endoftext|>", "continuing_subword_prefix": "",
                  "end_of_word_suffix": "</w>", "fuse_unk": False, "byte_fallback": False, "vocab": vocab, "merges": []},
    }


PREPROCESSOR = {
    "crop_size": {"height": 224, "width": 224}, "do_center_crop": True, "do_convert_rgb": True,
    "do_normalize": True, "do_rescale": True, "do_resize": True,
    "image_mean": [0.48145466, 0.4578275, 0.40821073], "image_std": [0.26862954, 0.26130258, 0.27577711],
    "resample": 3, "rescale_factor": 1 / 255, "size": {"shortest_edge": 224},
}


def save(graph, path):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="sextant-make_tiny_clip")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20261205)
    save(text_model(rng), os.path.join(out, "text_model.onnx"))
    save(vision_model(rng), os.path.join(out, "vision_model.onnx"))
    import json
    with open(os.path.join(out, "tokenizer.json"), "w") as f:
        json.dump(tokenizer(), f, ensure_ascii=False)
    with open(os.path.join(out, "preprocessor_config.json"), "w") as f:
        json.dump(PREPROCESSOR, f, indent=2)
