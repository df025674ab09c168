package io.sextant.services.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Snippets for chunks found by meaning rather than by words: the chunk's opening, with any query
 * term that does occur highlighted. Terms match after analysis, so "running" lights up "runs".
 */
final class LeadingSnippets {

  static final int LEADING_CHARS = 300;

  private LeadingSnippets() {}

  /** The analysed terms of {@code text} (stopwords dropped, stemmed). */
  static Set<String> terms(Analyzer analyzer, String field, String text) {
    Set<String> terms = new HashSet<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
    return terms;
  }

  static Snippet leading(Analyzer analyzer, String field, String text, Set<String> queryTerms) {
    int end = text.length();
    boolean cut = false;
    if (end > LEADING_CHARS) {
      end = SnippetFormatter.wordEndBefore(text, LEADING_CHARS, LEADING_CHARS * 2 / 3);
      cut = true;
    }
    String head = text.substring(0, end);
    int[] starts = new int[8];
    int[] ends = new int[8];
    int n = 0;
    if (!queryTerms.isEmpty()) {
      try (TokenStream ts = analyzer.tokenStream(field, head)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute offsets = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          if (queryTerms.contains(term.toString())) {
            if (n == starts.length) {
              starts = Arrays.copyOf(starts, n * 2);
              ends = Arrays.copyOf(ends, n * 2);
            }
            starts[n] = offsets.startOffset();
            ends[n] = offsets.endOffset();
            n++;
          }
        }
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    SnippetBuilder b = new SnippetBuilder().append(head, 0, head.length(), starts, ends, n);
    if (cut) {
      b.appendLiteral(" " + SnippetBuilder.ELLIPSIS);
    }
    return b.build();
  }
}
