package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.index.SyntheticChunks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches racing a writer. The writer adds batches of {@value #BATCH} chunks, each batch one
 * document, and commits after each; with a partially visible batch some search would count a
 * number of chunks that is not a multiple of the batch size.
 */
class ConcurrentSearchTest {

  private static final int BATCH = 7;
  private static final int BATCHES = 20;
  private static final int DIM = 16;

  @TempDir Path tmp;

  @Test
  void searchesDuringWritesNeverThrowAndSeeOnlyCommittedBatches() throws Exception {
    Random rnd = new Random(3);
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      SearchService service = new SearchService(index, (m, q) -> SyntheticChunks.gaussianUnit(new Random(q.hashCode()), DIM));
      // One committed batch up front so semantic searches have a vector field to find.
      List<List<IndexedChunk>> batches = new ArrayList<>();
      for (int b = 0; b <= BATCHES; b++) {
        List<IndexedChunk> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
          int id = b * BATCH + i;
          batch.add(SyntheticChunks.chunk(id, b, i, "common words batch" + b + " piece" + i,
              Map.of(SyntheticChunks.MODEL, SyntheticChunks.gaussianUnit(rnd, DIM))));
        }
        batches.add(batch);
      }
      index.addAll(batches.get(0));
      index.commit();

      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger searches = new AtomicInteger();
      AtomicInteger lastSeen = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(5);
      try {
        List<Future<?>> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int thread = t;
          readers.add(pool.submit(() -> {
            int seenBefore = 0;
            while (!done.get()) {
              SearchMode mode = SearchMode.values()[(thread + searches.get()) % 3];
              SearchResponse r = service.search(SearchRequest.builder("common", mode)
                  .modelId(SyntheticChunks.MODEL).k(1000).candidates(10_000).groupByDoc(false)
                  .exact(thread % 2 == 0).build());
              int chunks = r.hits().size();
              assertEquals(0, chunks % BATCH, mode + " saw a partial batch: " + chunks);
              int docs = (int) r.hits().stream().map(DocHit::docKey).distinct().count();
              assertEquals(chunks / BATCH, docs);
              assertTrue(chunks >= seenBefore, "commits only add: " + chunks + " < " + seenBefore);
              seenBefore = chunks;
              assertEquals(0, index.numChunks() % BATCH);
              searches.incrementAndGet();
            }
            lastSeen.accumulateAndGet(seenBefore, Math::max);
            return null;
          }));
        }
        Future<?> writer = pool.submit(() -> {
          for (int b = 1; b <= BATCHES; b++) {
            for (IndexedChunk c : batches.get(b)) {
              index.add(c); // chunk by chunk, so readers have a window to see half a batch
              Thread.onSpinWait();
            }
            index.commit();
          }
          return null;
        });
        writer.get(60, TimeUnit.SECONDS);
        // Let readers run against the final commit too.
        int target = searches.get() + 20;
        while (searches.get() < target) {
          Thread.sleep(5);
        }
        done.set(true);
        for (Future<?> f : readers) {
          f.get(30, TimeUnit.SECONDS); // rethrows any assertion failure from a reader
        }
      } finally {
        done.set(true);
        pool.shutdownNow();
      }
      System.out.printf("[concurrency] %d searches raced %d commits%n", searches.get(), BATCHES);
      assertEquals((BATCHES + 1) * BATCH, lastSeen.get());
      assertEquals((BATCHES + 1) * BATCH, index.numChunks());
    }
  }
}
