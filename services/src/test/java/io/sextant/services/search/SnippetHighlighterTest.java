package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.ChunkFields;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.HitRecords;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snippets with the recycled memory index must be exactly Lucene's own. */
class SnippetHighlighterTest {

  // Stemming variants, possessives, stopwords, punctuation and sentence ends, so analysis, the
  // term pre-filter and passage breaking all have something to do.
  private static final List<String> WORDS = List.of(
      "river", "rivers", "river's", "mountain", "engine", "engines", "garden", "gardening", "run",
      "runs", "running", "ran", "the", "of", "and", "a", "lantern", "glacier", "orchard", "compass",
      "naïve", "café", "e-mail", "x2", "3.14", "Harbor", "HARBOR", "harbour");

  @TempDir Path tmp;

  @Test
  void recycledBuffersGiveTheSameSnippetsAsLucenesStrategy() throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      List<IndexedChunk> chunks = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String text = text(r, 20 + r.nextInt(200));
        chunks.add(new IndexedChunk("c" + i, "/d/" + (i / 4) + ".txt", -1, "/d/" + (i / 4) + ".txt",
            "d" + (i / 4), "txt", "/d", text, i % 4, 0, text.length(), 0, 0, text.length(), Map.of()));
      }
      index.addAll(chunks);
      index.commit();
      IndexSearcher searcher = index.acquireSearcher();
      try {
        int[] docs = new int[searcher.getIndexReader().maxDoc()];
        String[] texts = new String[docs.length];
        for (int d = 0; d < docs.length; d++) {
          docs[d] = d;
        }
        HitRecords.Hit[] hits = HitRecords.read(searcher.getIndexReader(), docs);
        for (int d = 0; d < docs.length; d++) {
          texts[d] = hits[d].text();
        }
        List<Query> queries = new ArrayList<>();
        for (int q = 0; q < 30; q++) {
          Query plain = new QueryBuilder(index.analyzer())
              .createBooleanQuery(ChunkFields.TEXT, text(r, 1 + r.nextInt(6)), BooleanClause.Occur.SHOULD);
          if (plain != null) {
            queries.add(plain);
          }
        }
        // Queries this strategy leaves to Lucene's: a phrase and a prefix.
        queries.add(new PhraseQuery(ChunkFields.TEXT, "river", "mountain"));
        queries.add(new BooleanQuery.Builder()
            .add(new PrefixQuery(new Term(ChunkFields.TEXT, "gard")), BooleanClause.Occur.SHOULD)
            .add(new PhraseQuery(ChunkFields.TEXT, "run", "engin"), BooleanClause.Occur.SHOULD).build());
        int highlighted = 0;
        for (Query query : queries) {
          Snippet[] ours = SnippetHighlighter.create(searcher, index.analyzer(), true)
              .highlight(ChunkFields.TEXT, query, docs, texts);
          Snippet[] lucene = SnippetHighlighter.create(searcher, index.analyzer(), false)
              .highlight(ChunkFields.TEXT, query, docs, texts);
          for (int d = 0; d < docs.length; d++) {
            assertEquals(describe(lucene[d]), describe(ours[d]), "doc " + d + " for " + query);
            highlighted += ours[d] == null ? 0 : 1;
          }
        }
        assertTrue(highlighted > 300, "too few snippets to compare: " + highlighted);
      } finally {
        index.releaseSearcher(searcher);
      }
    }
  }

  private static String text(SplittableRandom r, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        b.append(r.nextInt(9) == 0 ? ". " : r.nextInt(12) == 0 ? ", " : " ");
      }
      b.append(WORDS.get(r.nextInt(WORDS.size())));
    }
    return b.append('.').toString();
  }

  private static String describe(Snippet s) {
    if (s == null) {
      return "none";
    }
    StringBuilder b = new StringBuilder(s.text());
    for (int[] h : s.highlights()) {
      b.append(' ').append(Arrays.toString(h));
    }
    return b.toString();
  }
}
