package io.sextant.services.ingest;

import io.sextant.services.model.TokenCounter;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a document's text into {@link Chunk}s of at most {@link ChunkerSettings#targetTokens()}
 * model tokens, along the document's own structure.
 *
 * <p>The text is first split into blocks at blank lines and at heading starts. A block that fits
 * the target stays whole; a longer one is split into sentences, an over-long sentence into words,
 * and an over-long word (a URL, a base64 blob) into character runs. These units are then packed
 * greedily into chunks. A chunk preferably starts at a heading, so a section is not glued to the
 * tail of the previous one, and it never ends on a heading whose section follows. Each chunk
 * except one starting at a heading begins with a few whole sentences from the end of the
 * previous chunk (the overlap).
 *
 * <p>Offsets are exact: {@code text.substring(chunk.start(), chunk.end())} is the chunk's text,
 * which never has surrounding whitespace. Units are counted once each and every chunk once more
 * for its exact token count, so the cost is linear in the text length. No piece given to the
 * counter is longer than 64 characters per target token, whatever the text: a tokenizer's memory
 * grows with the text it is given, and a log file without blank lines or sentence breaks must
 * not become one 20 M character call.
 *
 * <p>Thread-safe if the {@link TokenCounter} is: all working state is local to a call.
 */
public final class Chunker {

  /** A blank line: a newline, optional horizontal whitespace, another newline. */
  private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\x0B\\f\\r\\u00A0]*\\n");

  private final TokenCounter counter;
  private final ChunkerSettings settings;
  private final int target;
  /** Below this many tokens a chunk is not closed at a heading: tiny sections merge forward. */
  private final int minFillBeforeHeading;
  private final int maxChunks;
  /**
   * Longest piece of text given to the token counter in one call: 64 characters per target token.
   * Real tokens are a few characters long, so a longer piece can hardly fit in a chunk anyway; it
   * is split further without being counted (see {@code Splitter.countable}).
   */
  private final int maxCountChars;

  /**
   * Most chunks one file gives by default: about 2.5 million tokens (a few thousand pages), far
   * beyond any book, while a 1 GB log or dump (whose parse stops at the parser's write limit,
   * 20 M characters, some 23,000 chunks) costs minutes of embedding instead of an hour.
   */
  public static final int DEFAULT_MAX_CHUNKS_PER_FILE = 10_000;

  /** A chunker without a per-file cap. */
  public Chunker(TokenCounter counter, ChunkerSettings settings) {
    this(counter, settings, Integer.MAX_VALUE);
  }

  /**
   * @param maxChunks most chunks one document gives; the text after them is left out and
   *     {@link Result#capped()} says so
   */
  public Chunker(TokenCounter counter, ChunkerSettings settings, int maxChunks) {
    this.counter = Objects.requireNonNull(counter, "counter");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (maxChunks < 1) {
      throw new IllegalArgumentException("maxChunks must be >= 1, got " + maxChunks);
    }
    this.target = settings.targetTokens();
    this.minFillBeforeHeading = Math.max(1, target / 4);
    this.maxChunks = maxChunks;
    this.maxCountChars = (int) Math.min(Integer.MAX_VALUE, 64L * target);
  }

  /** Most chunks one document gives. */
  public int maxChunks() {
    return maxChunks;
  }

  /**
   * The chunks of one document.
   *
   * @param capped whether the document had more text than {@link #maxChunks()} chunks hold (the
   *     chunks are then its first ones, exactly as without the cap)
   */
  public record Result(List<Chunk> chunks, boolean capped) {
    public Result {
      chunks = List.copyOf(chunks);
    }
  }

  public ChunkerSettings settings() {
    return settings;
  }

  /** Chunks plain text that has no pages or headings. */
  public List<Chunk> chunk(String text) {
    return chunk(ParsedDocument.ofText(Objects.requireNonNull(text, "text")));
  }

  /**
   * Chunks a parsed document; an empty or all-whitespace document gives no chunks. At most
   * {@link #maxChunks()} chunks.
   */
  public List<Chunk> chunk(ParsedDocument doc) {
    return chunkCapped(doc).chunks();
  }

  /** Chunks a parsed document and says whether the per-file cap left text out. */
  public Result chunkCapped(ParsedDocument doc) {
    Objects.requireNonNull(doc, "doc");
    String text = doc.text();
    int[] headings = doc.headingStarts();
    List<Unit> units = new ArrayList<>();
    // Every chunk takes at most `target` tokens of new units, so once the units hold more than
    // (maxChunks + 1) * target tokens the first maxChunks chunks cannot depend on the rest of the
    // text (the +1 leaves room for packing's one-unit look-ahead). Stopping there keeps a huge
    // file from being tokenised to its end just to be thrown away.
    long budget = maxChunks == Integer.MAX_VALUE ? Long.MAX_VALUE : (maxChunks + 1L) * target;
    Splitter splitter = new Splitter(text, units, budget);
    for (int[] block : blocks(text, headings)) {
      if (splitter.full()) {
        break;
      }
      splitter.addBlock(block[0], block[1], block[2] != 0);
    }
    List<Chunk> chunks = pack(doc, units);
    if (chunks.size() > maxChunks) {
      return new Result(chunks.subList(0, maxChunks), true);
    }
    return new Result(chunks, splitter.full());
  }

  // ---------------------------------------------------------------- blocks and units

  /**
   * One indivisible piece for packing.
   *
   * @param sentenceEnd whether a sentence ends with this unit (false for word and character runs
   *     inside a sentence): overlap may only start right after such a unit
   * @param block whether the unit is a whole block, which may hold several sentences
   */
  private record Unit(int start, int end, int tokens, boolean headingStart, boolean sentenceEnd,
      boolean block) {}

  /** Blocks as {start, end, isHeading} with trimmed bounds, in text order, none empty. */
  private static List<int[]> blocks(String text, int[] headings) {
    List<int[]> blocks = new ArrayList<>();
    Matcher blank = BLANK_LINE.matcher(text);
    int h = 0; // next heading to consider
    int segmentStart = 0;
    while (segmentStart <= text.length()) {
      int segmentEnd;
      int next;
      if (blank.find(segmentStart)) {
        segmentEnd = blank.start();
        next = blank.end() - 1; // the second newline may begin the next blank line run
        if (next <= segmentStart) {
          next = segmentStart + 1;
        }
      } else {
        segmentEnd = text.length();
        next = text.length() + 1;
      }
      // Headings inside the segment cut it further, so that every heading starts a block.
      int pieceStart = segmentStart;
      boolean pieceIsHeading = false;
      while (h < headings.length && headings[h] < segmentEnd) {
        if (headings[h] > pieceStart) {
          addTrimmed(text, pieceStart, headings[h], pieceIsHeading, blocks);
          pieceStart = headings[h];
        }
        // A heading at the piece start, or in the blank lines just before it, marks the piece.
        pieceIsHeading = true;
        h++;
      }
      addTrimmed(text, pieceStart, segmentEnd, pieceIsHeading, blocks);
      segmentStart = next;
    }
    return blocks;
  }

  private static void addTrimmed(String text, int start, int end, boolean heading, List<int[]> out) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (start < end) {
      out.add(new int[] {start, end, heading ? 1 : 0});
    }
  }

  /** Splits blocks into units no longer than the target where the text allows it. */
  private final class Splitter {
    private final String text;
    private final List<Unit> units;
    private final BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    private final long budget;
    private long tokens;

    Splitter(String text, List<Unit> units, long budget) {
      this.text = text;
      this.units = units;
      this.budget = budget;
    }

    /** Whether the units already hold more tokens than the chunk cap can use. */
    boolean full() {
      return tokens > budget;
    }

    private void add(Unit u) {
      units.add(u);
      tokens += u.tokens();
    }

    void addBlock(int start, int end, boolean heading) {
      if (countable(start, end)) {
        int blockTokens = count(start, end);
        if (blockTokens <= target) {
          add(new Unit(start, end, blockTokens, heading, true, true));
          return;
        }
      }
      boolean first = true;
      for (int[] s : sentenceSpans(text, start, end, sentences)) {
        if (full()) {
          return;
        }
        int sentenceTokens = countable(s[0], s[1]) ? count(s[0], s[1]) : Integer.MAX_VALUE;
        if (sentenceTokens <= target) {
          add(new Unit(s[0], s[1], sentenceTokens, heading && first, true, false));
        } else {
          addWords(s[0], s[1], heading && first);
        }
        first = false;
      }
    }

    private void addWords(int start, int end, boolean heading) {
      int i = start;
      boolean first = true;
      while (i < end && !full()) {
        int wordEnd = i;
        while (wordEnd < end && !Character.isWhitespace(text.charAt(wordEnd))) {
          wordEnd++;
        }
        boolean lastInSentence = wordEnd >= end;
        int wordTokens = countable(i, wordEnd) ? count(i, wordEnd) : Integer.MAX_VALUE;
        if (wordTokens <= target) {
          add(new Unit(i, wordEnd, wordTokens, heading && first, lastInSentence, false));
        } else {
          addCharacterRuns(i, wordEnd, heading && first, lastInSentence);
        }
        first = false;
        i = wordEnd;
        while (i < end && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
      }
    }

    /** Longest runs that fit, found by binary search over the run length. */
    private void addCharacterRuns(int start, int end, boolean heading, boolean lastInSentence) {
      int pos = start;
      int maxRun = maxCountChars;
      while (pos < end && !full()) {
        int lo = codePointEnd(pos, end); // one code point always goes in
        int hi = safeEnd(pos, Math.min(end, pos + Math.max(maxRun, lo - pos)));
        int best = lo;
        if (count(pos, hi) <= target) {
          best = hi;
        } else {
          while (lo < hi) {
            int mid = safeEnd(pos, (lo + hi + 1) >>> 1);
            if (mid <= lo) {
              break;
            }
            if (count(pos, mid) <= target) {
              lo = mid;
              best = mid;
            } else {
              hi = mid - 1;
            }
          }
        }
        int bestTokens = count(pos, best);
        boolean last = best >= end;
        add(new Unit(pos, best, bestTokens, heading && pos == start, last && lastInSentence,
            false));
        pos = best;
      }
    }

    private int codePointEnd(int pos, int end) {
      return Math.min(end, pos + Character.charCount(text.codePointAt(pos)));
    }

    /** Moves {@code end} back so it does not split a surrogate pair. */
    private int safeEnd(int start, int end) {
      if (end > start + 1 && end < text.length() && Character.isLowSurrogate(text.charAt(end))
          && Character.isHighSurrogate(text.charAt(end - 1))) {
        return end - 1;
      }
      return end;
    }

    /**
     * Whether {@code text[start, end)} is short enough to be tokenised whole. A longer piece
     * goes to the next finer split without being counted: its units are packed together again
     * where they fit, so nothing is lost but the one huge tokenizer call. That call is what this
     * guards against: a Hugging Face tokenizer builds its whole encoding (offsets, token strings,
     * alignments) in native memory and then copies it into Java arrays, several hundred bytes per
     * character, so one 20 M character line-per-record log, which the sentence iterator sees as
     * a single sentence (it does not break at a period followed by a digit), took 3.8 GB of RSS.
     */
    private boolean countable(int start, int end) {
      return end - start <= maxCountChars;
    }

    private int count(int start, int end) {
      return counter.countTokens(text.substring(start, end));
    }
  }

  /** Trimmed, non-empty sentence spans of {@code text[start, end)} as {start, end}. */
  private static List<int[]> sentenceSpans(String text, int start, int end, BreakIterator it) {
    List<int[]> spans = new ArrayList<>();
    it.setText(text.substring(start, end));
    int from = it.first();
    for (int to = it.next(); to != BreakIterator.DONE; from = to, to = it.next()) {
      int s = start + from;
      int e = start + to;
      while (s < e && Character.isWhitespace(text.charAt(s))) {
        s++;
      }
      while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
        e--;
      }
      if (s < e) {
        spans.add(new int[] {s, e});
      }
    }
    return spans;
  }

  // ---------------------------------------------------------------- packing

  private List<Chunk> pack(ParsedDocument doc, List<Unit> units) {
    String text = doc.text();
    List<Chunk> chunks = new ArrayList<>();
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    int n = units.size();
    int i = 0; // first unit not yet in any chunk
    int previousFirst = -1; // first new unit of the previous chunk
    int previousStart = -1; // start offset of the previous chunk (overlap included)
    while (i < n) {
      Unit first = units.get(i);
      int start = first.start();
      int used = 0;
      if (previousFirst >= 0 && settings.overlapTokens() > 0 && !first.headingStart()) {
        int budget = Math.min(settings.overlapTokens(), target - first.tokens());
        if (budget > 0) {
          long overlap = overlap(text, units, previousFirst, i, previousStart, budget, sentences);
          // the overlap may not make the chunk's text too long to count at once (see below)
          if (overlap >= 0 && first.end() - (int) (overlap >>> 32) <= maxCountChars) {
            start = (int) (overlap >>> 32);
            used = (int) overlap;
          }
        }
      }
      int b = i;
      int fresh = 0; // tokens of new units
      while (b < n) {
        Unit u = units.get(b);
        if (b > i) {
          if (u.headingStart() && fresh >= minFillBeforeHeading) {
            break;
          }
          if (used + fresh + u.tokens() > target) {
            break;
          }
          // Units of very long tokens (a tokenizer's one [UNK] for a long word) fit by tokens
          // but not by characters: the chunk is counted whole below, so it stays as bounded as
          // every other counted piece.
          if (u.end() - start > maxCountChars) {
            break;
          }
        }
        fresh += u.tokens();
        b++;
      }
      if (b < n && b - 1 > i && units.get(b - 1).headingStart()) {
        b--; // do not strand a heading at the end of a chunk, away from its section
      }
      int end = units.get(b - 1).end();
      String chunkText = text.substring(start, end);
      int tokens = counter.countTokens(chunkText);
      // Unit counts are summed; a tokenizer that merges across whitespace may count the joined
      // text differently. Rare, so fix it by shedding the overlap, then trailing units.
      while (tokens > target && (start < first.start() || b - 1 > i)) {
        if (start < first.start()) {
          start = first.start();
        } else {
          b--;
          end = units.get(b - 1).end();
        }
        chunkText = text.substring(start, end);
        tokens = counter.countTokens(chunkText);
      }
      chunks.add(new Chunk(chunks.size(), chunkText, start, end, doc.pageAt(start), tokens));
      previousFirst = i;
      previousStart = start;
      i = b;
    }
    return chunks;
  }

  /**
   * Finds the longest run of whole sentences ending the previous chunk (units
   * {@code [from, to)}) that fits {@code budget} tokens and starts after {@code previousStart}.
   *
   * @return start offset in the high 32 bits and tokens in the low 32 bits, or -1 for none
   */
  private long overlap(String text, List<Unit> units, int from, int to, int previousStart,
      int budget, BreakIterator sentences) {
    long best = -1;
    int tokens = 0;
    int k = to - 1;
    while (k >= from) {
      Unit u = units.get(k);
      if (u.block()) {
        List<int[]> spans = sentenceSpans(text, u.start(), u.end(), sentences);
        for (int s = spans.size() - 1; s >= 0; s--) {
          int[] span = spans.get(s);
          int t = spans.size() == 1 ? u.tokens() : counter.countTokens(text.substring(span[0], span[1]));
          if (tokens + t > budget || span[0] <= previousStart) {
            return best;
          }
          tokens += t;
          best = ((long) span[0] << 32) | tokens;
        }
        k--;
      } else {
        // A sentence unit, or the word/character runs of one over-long sentence taken together.
        int g = k;
        int groupTokens = u.tokens();
        while (g > 0 && !units.get(g - 1).sentenceEnd()) {
          g--;
          if (g < from) {
            return best; // the sentence began before the previous chunk: not whole
          }
          groupTokens += units.get(g).tokens();
        }
        Unit head = units.get(g);
        if (tokens + groupTokens > budget || head.start() <= previousStart) {
          return best;
        }
        tokens += groupTokens;
        best = ((long) head.start() << 32) | tokens;
        k = g - 1;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "Chunker[" + settings.fingerprint() + "]";
  }
}
