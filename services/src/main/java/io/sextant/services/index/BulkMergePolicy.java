package io.sextant.services.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.FilterMergePolicy;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.MergeTrigger;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;

/**
 * The index's merge policy with two switches for bulk loads: no merges while loading (segments
 * then carry no graph, and merging them would only copy vectors about), and a final forced merge
 * that rewrites even a single flushed segment, so that it gets its graph.
 */
final class BulkMergePolicy extends FilterMergePolicy {

  private volatile boolean loading;
  private volatile boolean rewriteFlushed;

  BulkMergePolicy(MergePolicy in) {
    super(in);
  }

  void setLoading(boolean loading) {
    this.loading = loading;
  }

  /** While set, a forced merge merges all segments into one if any of them was flushed. */
  void setRewriteFlushed(boolean rewrite) {
    this.rewriteFlushed = rewrite;
  }

  @Override
  public MergeSpecification findMerges(MergeTrigger trigger, SegmentInfos infos, MergeContext context)
      throws IOException {
    return loading ? null : super.findMerges(trigger, infos, context);
  }

  @Override
  public MergeSpecification findFullFlushMerges(MergeTrigger trigger, SegmentInfos infos, MergeContext context)
      throws IOException {
    return loading ? null : super.findFullFlushMerges(trigger, infos, context);
  }

  @Override
  public MergeSpecification findForcedMerges(SegmentInfos infos, int maxSegmentCount,
      Map<SegmentCommitInfo, Boolean> segmentsToMerge, MergeContext context) throws IOException {
    if (rewriteFlushed) {
      List<SegmentCommitInfo> free = new ArrayList<>();
      boolean anyFlushed = false;
      for (SegmentCommitInfo info : infos) {
        if (!context.getMergingSegments().contains(info)) {
          free.add(info);
          // merged segments say "merge"; only flushed ones can lack their graph
          anyFlushed |= IndexWriter.SOURCE_FLUSH.equals(info.info.getDiagnostics().get(IndexWriter.SOURCE));
        }
      }
      if (anyFlushed && !free.isEmpty()) {
        MergeSpecification spec = new MergeSpecification();
        spec.add(new OneMerge(free));
        return spec;
      }
    }
    return super.findForcedMerges(infos, maxSegmentCount, segmentsToMerge, context);
  }
}
