package io.sextant.services.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * A UnifiedHighlighter returning {@link Snippet}s. Offsets come from re-analysing the stored text
 * (the index keeps no offsets or term vectors), which is cheap for a page of chunk-sized texts.
 */
final class SnippetHighlighter extends UnifiedHighlighter {

  /** Passages of about two lines; sentence boundaries are preferred near this length. */
  static final int PASSAGE_GOAL_CHARS = 180;

  /** Where in a passage the match sits (0 start, 1 end): a third in, so it has some lead-in. */
  static final float MATCH_ALIGNMENT = 0.33f;

  static final int MAX_PASSAGE_CHARS = 320;

  static final int MAX_PASSAGES = 2;

  private SnippetHighlighter(Builder builder) {
    super(builder);
  }

  static SnippetHighlighter create(IndexSearcher searcher, Analyzer analyzer) {
    Builder b =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new SnippetFormatter(MAX_PASSAGE_CHARS))
            .withBreakIterator(
                () ->
                    LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT),
                        PASSAGE_GOAL_CHARS,
                        MATCH_ALIGNMENT))
            // Chunks are bounded by the chunker; highlight all of one rather than its head only.
            .withMaxLength(1_000_000)
            // Null for chunks without a match: the caller builds a leading snippet instead.
            .withMaxNoHighlightPassages(0);
    return new SnippetHighlighter(b);
  }

  /**
   * Snippets of the text field for {@code docIds} (in that order); an element is null when the
   * chunk holds no query term.
   */
  Snippet[] highlight(String field, Query query, int[] docIds) throws IOException {
    Object[] raw =
        highlightFieldsAsObjects(new String[] {field}, query, docIds, new int[] {MAX_PASSAGES})
            .get(field);
    Snippet[] out = new Snippet[docIds.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = raw[i] instanceof Snippet s ? s : null;
    }
    return out;
  }
}
