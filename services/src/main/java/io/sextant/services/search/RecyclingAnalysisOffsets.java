package io.sextant.services.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.uhighlight.AnalysisOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.OverlaySingleDocTermsLeafReader;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.util.BytesRef;

/**
 * Offsets of query terms in a chunk's text by re-analysing it into a one-document
 * {@link MemoryIndex}: what the UnifiedHighlighter's own analysis strategy does, with one
 * difference — the memory index keeps its buffers between the chunks of a search.
 *
 * <p>Lucene's strategy builds its MemoryIndex with no buffer reuse, so every highlighted chunk
 * allocated a fresh 32 KB byte block and a 32 KB int block, zeroed: in the query benchmark that
 * was 0.7 MB per search, most of what a search allocated (so most of the young collections that
 * land inside a query), and about an eighth of the highlighting time. The same index reset per
 * chunk with its blocks kept gives the same terms, positions and offsets, so the same snippets.
 *
 * <p>Only for queries of plain terms (no automata, no span queries): {@link #supports} says which;
 * anything else keeps Lucene's strategy.
 */
final class RecyclingAnalysisOffsets extends AnalysisOffsetStrategy {

  /** Blocks kept across resets: a chunk needs one byte block and one int block of 32 KB. */
  private static final long REUSED_BYTES = 4 * 32 * 1024;

  /**
   * Terms Lucene leaves out of its pre-filter (it builds an automaton of them, whose size it
   * caps); kept out here too so the same tokens reach the memory index.
   */
  private static final int MAX_FILTER_TERM_BYTES = 1000;

  private final MemoryIndex memoryIndex;
  private final LeafReader memoryReader;
  private final CharArraySet keep;

  RecyclingAnalysisOffsets(UHComponents components, Analyzer analyzer) {
    super(components, analyzer);
    if (!supports(components)) {
      throw new IllegalArgumentException("only plain-term queries: " + components.query());
    }
    boolean payloads = components.phraseHelper().hasPositionSensitivity();
    // The public constructors reuse no buffers; fromDocument is the public way to ask for reuse
    // (with no fields, it only builds the index).
    memoryIndex = MemoryIndex.fromDocument(List.of(), analyzer, true, payloads, REUSED_BYTES);
    memoryReader = (LeafReader) memoryIndex.createSearcher().getIndexReader();
    BytesRef[] terms = components.terms();
    if (terms == null) {
      keep = null; // no pre-filter: every token goes in, as in Lucene's strategy
    } else {
      keep = new CharArraySet(terms.length, false);
      for (BytesRef t : terms) {
        if (t.length < MAX_FILTER_TERM_BYTES) {
          keep.add(t.utf8ToString());
        }
      }
    }
  }

  /** Whether the query's highlighting needs nothing but its terms (so this strategy applies). */
  static boolean supports(UHComponents components) {
    return components.automata() != null && components.automata().length == 0
        && components.phraseHelper().getSpanQueries().isEmpty();
  }

  @Override
  public OffsetsEnum getOffsetsEnum(LeafReader reader, int docId, String content) throws IOException {
    TokenStream tokens = tokenStream(content);
    if (keep != null) {
      // Only the query's terms go into the index: the others could never be highlighted.
      tokens = new FilteringTokenFilter(tokens) {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        @Override
        protected boolean accept() {
          return keep.contains(term.buffer(), 0, term.length());
        }
      };
    }
    memoryIndex.reset();
    memoryIndex.addField(getField(), tokens); // resets and closes the stream
    if (reader == null) {
      return createOffsetsEnumFromReader(memoryReader, 0);
    }
    return createOffsetsEnumFromReader(
        new OverlaySingleDocTermsLeafReader(reader, memoryReader, getField(), docId), docId);
  }
}
