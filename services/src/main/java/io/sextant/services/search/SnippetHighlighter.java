package io.sextant.services.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * A UnifiedHighlighter returning {@link Snippet}s. Offsets come from re-analysing the text (the
 * index keeps no offsets or term vectors), which is cheap for a page of chunk-sized texts. The
 * caller passes the texts it has already read: left to itself the highlighter would read each
 * chunk's stored fields a second time, and decompressing a stored-fields block was a third of the
 * highlighting time in the query benchmark. Terms are found with {@link RecyclingAnalysisOffsets},
 * Lucene's analysis strategy with its buffers kept between chunks, and passages are scored by
 * {@link LeanPassageScorer}, Lucene's formula without a hash table per passage.
 */
final class SnippetHighlighter extends UnifiedHighlighter {

  /** Passages of about two lines; sentence boundaries are preferred near this length. */
  static final int PASSAGE_GOAL_CHARS = 180;

  /** Where in a passage the match sits (0 start, 1 end): a third in, so it has some lead-in. */
  static final float MATCH_ALIGNMENT = 0.33f;

  static final int MAX_PASSAGE_CHARS = 320;

  static final int MAX_PASSAGES = 2;

  /** What the default stored-field loader would cut a text to: it never cuts a chunk. */
  private static final int MAX_LENGTH = 1_000_000;

  /** The texts of the docs being highlighted, by doc id; set for one call of {@link #highlight}. */
  private Map<Integer, String> texts = Map.of();

  /** False only to compare against Lucene's own strategy and scorer (tests). */
  private final boolean recycleBuffers;

  private SnippetHighlighter(Builder builder, boolean recycleBuffers) {
    super(builder);
    this.recycleBuffers = recycleBuffers;
  }

  static SnippetHighlighter create(IndexSearcher searcher, Analyzer analyzer) {
    return create(searcher, analyzer, true);
  }

  /** @param recycleBuffers false: Lucene's own offset strategy and passage scorer, for comparison */
  static SnippetHighlighter create(IndexSearcher searcher, Analyzer analyzer, boolean recycleBuffers) {
    Builder b =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new SnippetFormatter(MAX_PASSAGE_CHARS))
            .withScorer(recycleBuffers ? new LeanPassageScorer() : new PassageScorer())
            .withBreakIterator(
                () ->
                    LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT),
                        PASSAGE_GOAL_CHARS,
                        MATCH_ALIGNMENT))
            // Chunks are bounded by the chunker; highlight all of one rather than its head only.
            .withMaxLength(MAX_LENGTH)
            // Null for chunks without a match: the caller builds a leading snippet instead.
            .withMaxNoHighlightPassages(0);
    return new SnippetHighlighter(b, recycleBuffers);
  }

  /**
   * Where Lucene would re-analyse into a memory index (the mode its relevancy-first and
   * weight-matches flags choose, both on here), the same done with reused buffers.
   */
  @Override
  protected FieldOffsetStrategy getOffsetStrategy(OffsetSource source, UHComponents components) {
    boolean memoryIndex = source == OffsetSource.ANALYSIS
        && (components.phraseHelper().hasPositionSensitivity()
            || components.highlightFlags().contains(HighlightFlag.PASSAGE_RELEVANCY_OVER_SPEED)
            || components.highlightFlags().contains(HighlightFlag.WEIGHT_MATCHES));
    if (recycleBuffers && memoryIndex && RecyclingAnalysisOffsets.supports(components)) {
      return new RecyclingAnalysisOffsets(components, getIndexAnalyzer());
    }
    return super.getOffsetStrategy(source, components);
  }

  /**
   * Snippets of the text field for {@code docIds} (in that order), whose field values are
   * {@code texts} (aligned with {@code docIds}); an element is null when the chunk holds no query
   * term. Not thread-safe: one highlighter serves one search.
   */
  Snippet[] highlight(String field, Query query, int[] docIds, String[] texts) throws IOException {
    if (texts.length != docIds.length) {
      throw new IllegalArgumentException(texts.length + " texts for " + docIds.length + " docs");
    }
    Map<Integer, String> byDoc = new HashMap<>(docIds.length * 2);
    for (int i = 0; i < docIds.length; i++) {
      String t = texts[i];
      byDoc.put(docIds[i], t.length() > MAX_LENGTH ? t.substring(0, MAX_LENGTH) : t);
    }
    Object[] raw;
    this.texts = byDoc;
    try {
      raw = highlightFieldsAsObjects(new String[] {field}, query, docIds, new int[] {MAX_PASSAGES})
          .get(field);
    } finally {
      this.texts = Map.of();
    }
    Snippet[] out = new Snippet[docIds.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = raw[i] instanceof Snippet s ? s : null;
    }
    return out;
  }

  /** The field values from {@link #highlight}'s texts instead of the stored fields. */
  @Override
  protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter,
      int cacheCharsThreshold) throws IOException {
    List<CharSequence[]> out = new ArrayList<>();
    for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
      String text = texts.get(doc);
      if (text == null || fields.length != 1) {
        throw new IllegalStateException("no text given for doc " + doc + " in " + List.of(fields));
      }
      out.add(new CharSequence[] {text});
    }
    return out;
  }
}
