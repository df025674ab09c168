import io.sextant.services.images.*; import io.sextant.services.clip.*; import java.nio.file.*; import java.util.*;
/** Decode and CLIP-preprocess every image under a folder, three rounds; prints ms per image. See docs/CLIP.md. */
public class PreprocessBench { public static void main(String[] a) throws Exception {
  List<Path> files; try (var s = Files.walk(Path.of(a[0]))) { files = s.filter(ImageDecoder::isImage).sorted().toList(); }
  ImageDecoder d = new ImageDecoder(); ClipPreprocessor p = ClipPreprocessor.OPENAI;
  for (int round = 0; round < 3; round++) {
    long dec = 0, pre = 0;
    for (Path f : files) { long t0 = System.nanoTime(); var img = d.decode(f).pixels(); long t1 = System.nanoTime(); p.tensor(img); long t2 = System.nanoTime(); dec += t1 - t0; pre += t2 - t1; }
    System.out.printf("round %d: %d images, decode+EXIF %.1f ms/image, resize+crop+normalise %.2f ms/image%n", round, files.size(), dec / 1e6 / files.size(), pre / 1e6 / files.size());
  }
}}
