#!/usr/bin/env python3
"""OpenAI CLIP's tokenizer, re-implemented from its published algorithm, as a reference for
ClipTokenizerParityTest. Reads texts as a JSON list on stdin, writes one JSON list of ids per text
(start and end tokens included, no padding, no truncation) on stdout.

  usage: reference_tokens.py BPE_VOCAB_GZ < texts.json > ids.json
  needs: python3-regex (Debian). ftfy is used when installed (Debian has no package for it).
"""
import gzip
import html
import json
import re
import sys

import regex

try:
    import ftfy
except ImportError:  # only changes mojibake; the parity test states which texts could differ
    ftfy = None


def byte_alphabet():
    # GPT-2's reversible map of the 256 byte values onto printable unicode characters.
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars = keep[:]
    extra = 0
    for b in range(256):
        if b not in keep:
            keep.append(b)
            chars.append(256 + extra)
            extra += 1
    return {b: chr(c) for b, c in zip(keep, chars)}


class Reference:
    def __init__(self, vocab_gz):
        lines = gzip.open(vocab_gz).read().decode("utf-8").split("\n")
        merges = [tuple(l.split()) for l in lines[1:49152 - 256 - 2 + 1]]
        self.bytes = byte_alphabet()
        vocab = list(self.bytes.values())
        vocab += [v + "</w>" for v in vocab]
        vocab += ["".join(m) for m in merges]
        vocab += ["<|startoftext|>", "<|endoftext|>"]
        self.ids = {t: i for i, t in enumerate(vocab)}
        self.ranks = {m: i for i, m in enumerate(merges)}
        self.pattern = regex.compile(
            r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
            regex.IGNORECASE)

    def bpe(self, token):
        word = list(token[:-1]) + [token[-1] + "</w>"]
        while len(word) > 1:
            pairs = {(word[i], word[i + 1]) for i in range(len(word) - 1)}
            best = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if best not in self.ranks:
                break
            merged, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == best:
                    merged.append(word[i] + word[i + 1])
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            word = merged
        return word

    def encode(self, text):
        if ftfy is not None:
            text = ftfy.fix_text(text)
        text = html.unescape(html.unescape(text)).strip()
        text = re.sub(r"\s+", " ", text).strip().lower()
        out = [self.ids["<|startoftext|>"]]
        for tok in regex.findall(self.pattern, text):
            mapped = "".join(self.bytes[b] for b in tok.encode("utf-8"))
            out += [self.ids[p] for p in self.bpe(mapped)]
        out.append(self.ids["<|endoftext|>"])
        return out


if __name__ == "__main__":
    ref = Reference(sys.argv[1])
    json.dump([ref.encode(t) for t in json.load(sys.stdin)], sys.stdout)
