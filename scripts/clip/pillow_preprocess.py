#!/usr/bin/env python3
"""Reference CLIP preprocessing with Pillow, for ClipPreprocessorPillowTest.

For each image path read from stdin (one per line) writes to OUT_DIR/<n>.decoded.rgb the upright
RGB pixels (ImageOps.exif_transpose, convert("RGB")), preceded by a line "W H\n", and to
OUT_DIR/<n>.crop.rgb the 224x224 RGB crop Hugging Face's CLIPImageProcessor feeds the model:
shortest side to 224 with Image.BICUBIC, long side int(224 * long / short), centre crop at
((W - 224) // 2, (H - 224) // 2).

  usage: pillow_preprocess.py OUT_DIR < paths.txt      needs: python3-pil (Debian)
"""
import os
import sys

from PIL import Image, ImageOps

SIZE = CROP = 224


def main(out_dir):
    for n, line in enumerate(sys.stdin):
        path = line.rstrip("\n")
        with Image.open(path) as im:
            im = ImageOps.exif_transpose(im).convert("RGB")
        w, h = im.size
        with open(os.path.join(out_dir, "%d.decoded.rgb" % n), "wb") as f:
            f.write(b"%d %d\n" % (w, h))
            f.write(im.tobytes())
        if w <= h:
            size = (SIZE, int(SIZE * h / w))
        else:
            size = (int(SIZE * w / h), SIZE)
        r = im.resize(size, Image.BICUBIC)
        left, top = (size[0] - CROP) // 2, (size[1] - CROP) // 2
        c = r.crop((left, top, left + CROP, top + CROP))
        with open(os.path.join(out_dir, "%d.crop.rgb" % n), "wb") as f:
            f.write(c.tobytes())


if __name__ == "__main__":
    main(sys.argv[1])
