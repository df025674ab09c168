package io.sextant.views.library;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever order and pace files finish in, the numbers shown stay sane. jqwik prints a replayable seed. */
class IngestProgressPropertyTest {

  @Property(tries = 200)
  void fractionStaysInRangeAndEtaIsNeverNegative(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 3000) Integer> gapsMs,
      @ForAll @IntRange(min = 1, max = 40) int total) {
    AtomicLong now = new AtomicLong();
    IngestProgress p = new IngestProgress(now::get);
    p.filesFound(total);
    int done = 0;
    for (int gap : gapsMs) {
      now.addAndGet(gap * 1_000_000L);
      done = Math.min(total, done + 1);
      p.fileDone(Path.of("f" + done), done, total, gap % 7 == 0 ? "bad" : null);
      p.chunksEmbedded(gap % 5);
      IngestProgress.Snapshot s = p.snapshot();
      assertTrue(s.fraction() >= 0 && s.fraction() <= 1, "fraction " + s.fraction());
      assertTrue(s.eta() == null || !s.eta().isNegative(), "eta " + s.eta());
      assertTrue(s.chunksPerSecond() >= 0 && Double.isFinite(s.chunksPerSecond()));
    }
  }
}
