package io.sextant.app.cli;

import io.sextant.app.Wiring;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.catalog.FileStatus;
import io.sextant.services.catalog.SourceRecord;
import io.sextant.services.compare.NeighbourAgreement;
import io.sextant.services.engine.Engine;
import io.sextant.services.eval.PairedTest;
import io.sextant.services.judgments.BeirImport;
import io.sextant.services.judgments.DocIds;
import io.sextant.services.judgments.JudgmentStore;
import io.sextant.services.judgments.SavedQuery;
import io.sextant.services.judgments.WorkspaceEvaluator;
import io.sextant.services.search.SearchMode;
import io.sextant.services.task.Cancellation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sextant judgments ...}: the workspace's saved queries and relevance judgments (the same
 * {@code judgments.db} the workbench's one-key judging writes), BEIR import, TREC export, and
 * evaluation of setups over them.
 */
@Command(name = "judgments", mixinStandardHelpOptions = true,
    description = "Saved queries and relevance judgments of a workspace: import, export, evaluate.",
    subcommands = {JudgmentsCommand.ImportBeir.class, JudgmentsCommand.ExportQrels.class,
        JudgmentsCommand.ExportRun.class, JudgmentsCommand.ListQueries.class,
        JudgmentsCommand.Evaluate.class, JudgmentsCommand.Agreement.class})
final class JudgmentsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** The workspace's indexed file keys (absolute paths). */
  static List<String> fileKeys(Engine e) {
    List<String> keys = new ArrayList<>();
    for (SourceRecord s : e.catalog().sources()) {
      for (FileRecord f : e.catalog().files(s.id())) {
        if (f.status() == FileStatus.INDEXED) {
          keys.add(f.path());
        }
      }
    }
    return keys;
  }

  /** "keyword", "MODEL:semantic", "MODEL:hybrid" (keyword may also be written MODEL:keyword). */
  static WorkspaceEvaluator.Setup parseSetup(String s, String defaultModel) {
    int colon = s.lastIndexOf(':');
    String model = colon < 0 ? defaultModel : s.substring(0, colon);
    SearchMode mode = SearchCommand.parseMode(colon < 0 ? s : s.substring(colon + 1));
    return new WorkspaceEvaluator.Setup(model, mode);
  }

  /**
   * A subcommand that works on one workspace's engine and judgment store: opening (and the default
   * workspace), closing and the output writer are the same for all, so they live here once.
   */
  abstract static class OnJudgedWorkspace implements Callable<Integer> {
    private final Wiring wiring;
    @Spec CommandSpec spec;
    @Mixin WorkspaceOption ws;

    OnJudgedWorkspace(Wiring wiring) {
      this.wiring = java.util.Objects.requireNonNull(wiring, "wiring");
    }

    /** Runs the command on the open workspace; returns the exit code. */
    abstract int run(Engine e, JudgmentStore store, PrintWriter out) throws Exception;

    @Override
    public final Integer call() throws Exception {
      try (Engine e = wiring.openEngine(ws.workspace, c -> c); // resolves the default workspace
          JudgmentStore store = JudgmentStore.openIn(e.workspace().root())) {
        PrintWriter out = spec.commandLine().getOut();
        int code = run(e, store, out);
        out.flush();
        return code;
      }
    }
  }

  @Command(name = "import-beir", mixinStandardHelpOptions = true,
      description = "Import a BEIR folder's queries.jsonl and qrels/SPLIT.tsv. Documents must already be "
          + "indexed files named after their BEIR id (4983.txt for corpus id 4983).")
  static final class ImportBeir extends OnJudgedWorkspace {
    @Parameters(paramLabel = "DIR", description = "BEIR dataset folder.") Path dir;
    @Option(names = "--split", defaultValue = "test", description = "qrels split (default: ${DEFAULT-VALUE}).") String split;

    ImportBeir(Wiring wiring) {
      super(wiring);
    }

    @Override
    int run(Engine e, JudgmentStore store, PrintWriter out) throws Exception {
      BeirImport.Result r = BeirImport.run(store, dir, split, fileKeys(e));
      out.printf("imported %d queries, %d judgments from %s%n", r.queries(), r.judgments(), dir);
      if (r.unmatchedDocs() + r.ambiguousDocs() + r.queriesWithoutMatches() > 0) {
        out.printf("skipped: %d judgments of documents not in the workspace, %d of ambiguous file names;"
            + " %d queries with no matched document%n", r.unmatchedDocs(), r.ambiguousDocs(), r.queriesWithoutMatches());
      }
      return r.queries() > 0 ? 0 : 1;
    }
  }

  @Command(name = "export-qrels", mixinStandardHelpOptions = true,
      description = "Write the judgments as a TREC qrels file (qid 0 docno grade).")
  static final class ExportQrels extends OnJudgedWorkspace {
    @Parameters(paramLabel = "FILE") Path file;
    @Option(names = "--doc-ids", defaultValue = "path",
        description = "Document numbers: path (the file's path, unique) or stem (file name without extension, "
            + "a BEIR corpus's own ids); default ${DEFAULT-VALUE}.") String docIds;

    ExportQrels(Wiring wiring) {
      super(wiring);
    }

    @Override
    int run(Engine e, JudgmentStore store, PrintWriter out) throws Exception {
      int n = store.exportQrels(file, DocIds.parse(docIds));
      out.printf("wrote %d judgments to %s%n", n, file);
      return 0;
    }
  }

  @Command(name = "export-run", mixinStandardHelpOptions = true,
      description = "Search every judged query with one setup and write a TREC run file.")
  static final class ExportRun extends OnJudgedWorkspace {
    @Parameters(paramLabel = "FILE") Path file;
    @Option(names = "--setup", defaultValue = "semantic",
        description = "keyword, or [MODEL:]semantic / [MODEL:]hybrid (default: ${DEFAULT-VALUE} with the workspace's first model).")
    String setup;
    @Option(names = "-k", defaultValue = "100", description = "Files per query (default: ${DEFAULT-VALUE}).") int k;
    @Option(names = "--doc-ids", defaultValue = "path", description = "path or stem (default: ${DEFAULT-VALUE}).") String docIds;

    ExportRun(Wiring wiring) {
      super(wiring);
    }

    @Override
    int run(Engine e, JudgmentStore store, PrintWriter out) throws Exception {
      var s = parseSetup(setup, e.config().models().get(0));
      int n = new WorkspaceEvaluator(e::search, PairedTest.standard())
          .writeRun(store, s, k, file, DocIds.parse(docIds), new Cancellation());
      out.printf("wrote the top %d of %d queries (%s) to %s%n", k, n, s.tag(), file);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the judged queries.")
  static final class ListQueries extends OnJudgedWorkspace {

    ListQueries(Wiring wiring) {
      super(wiring);
    }

    @Override
    int run(Engine e, JudgmentStore store, PrintWriter out) throws Exception {
      for (SavedQuery q : store.judgedQueries()) {
        out.printf("%s\t%d relevant of %d judged\t%s%n", q.id(), q.relevant(), q.judged(), q.text());
      }
      return 0;
    }
  }

  @Command(name = "evaluate", mixinStandardHelpOptions = true,
      description = "Evaluate setups over the judged queries: nDCG@10, MRR@10, recall@k, latency; paired "
          + "randomisation test (10,000 permutations, seed 42) and 95 %% bootstrap interval for every pair.")
  static final class Evaluate extends OnJudgedWorkspace {
    @Option(names = "--setups", split = ",", defaultValue = "keyword,semantic,hybrid",
        description = "Setups: keyword, [MODEL:]semantic, [MODEL:]hybrid (default: ${DEFAULT-VALUE}).")
    List<String> setups;
    @Option(names = "-k", defaultValue = "100", description = "Recall cutoff and files retrieved (default: ${DEFAULT-VALUE}).") int k;
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.") Path json;

    Evaluate(Wiring wiring) {
      super(wiring);
    }

    @Override
    int run(Engine e, JudgmentStore store, PrintWriter out) throws Exception {
      String first = e.config().models().get(0);
      List<WorkspaceEvaluator.Setup> list = setups.stream().map(s -> parseSetup(s, first)).toList();
      var r = new WorkspaceEvaluator(e::search, PairedTest.standard()).evaluate(store, list, k, new Cancellation());
      out.printf("%d judged queries, k = %d%n", r.queries().size(), r.k());
      out.printf("%-34s %8s %8s %9s %9s%n", "setup", "nDCG@10", "MRR@10", "recall@" + k, "ms/query");
      for (var x : r.results()) {
        out.printf(Locale.ROOT, "%-34s %8.4f %8.4f %9.4f %9.1f%n", x.setup().tag(), x.ndcg10(), x.mrr10(),
            x.recallK(), x.meanMillis());
      }
      for (var p : r.pairs()) {
        out.printf(Locale.ROOT, "%s -> %s: delta nDCG@10 %+.4f, p = %.4f%s, 95%% CI [%+.4f, %+.4f]%n",
            r.results().get(p.a()).setup().tag(), r.results().get(p.b()).setup().tag(), p.test().meanDiff(),
            p.test().p(), p.test().exact() ? " (exact)" : "", p.test().ciLow(), p.test().ciHigh());
      }
      out.flush();
      if (json != null) {
        Json.write(toJson(r), json);
      }
      return 0;
    }

    static Map<String, Object> toJson(WorkspaceEvaluator.Report r) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("queries", r.queries().size());
      j.put("k", r.k());
      List<Object> results = new ArrayList<>();
      for (var x : r.results()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("setup", x.setup().tag());
        m.put("ndcg@10", x.ndcg10());
        m.put("mrr@10", x.mrr10());
        m.put("recall@k", x.recallK());
        m.put("ms_per_query", x.meanMillis());
        results.add(m);
      }
      j.put("results", results);
      List<Object> pairs = new ArrayList<>();
      for (var p : r.pairs()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", r.results().get(p.a()).setup().tag());
        m.put("b", r.results().get(p.b()).setup().tag());
        m.put("mean_diff_ndcg@10", p.test().meanDiff());
        m.put("p", p.test().p());
        m.put("exact", p.test().exact());
        m.put("ci_low", p.test().ciLow());
        m.put("ci_high", p.test().ciHigh());
        pairs.add(m);
      }
      j.put("pairs", pairs);
      return j;
    }
  }

  @Command(name = "agreement", mixinStandardHelpOptions = true,
      description = "Corpus-level neighbour agreement of two models: mean share of each passage's k nearest "
          + "neighbours (exact, by cosine) both models pick.")
  static final class Agreement extends OnJudgedWorkspace {
    @Parameters(index = "0", paramLabel = "MODEL_A") String a;
    @Parameters(index = "1", paramLabel = "MODEL_B") String b;
    @Option(names = "-k", defaultValue = "10", description = "Neighbours per passage (default: ${DEFAULT-VALUE}).") int k;
    @Option(names = "--sample", defaultValue = "2000",
        description = "Passages scored when the corpus is larger (fixed seed; default: ${DEFAULT-VALUE}).") int sample;

    Agreement(Wiring wiring) {
      super(wiring);
    }

    @Override
    int run(Engine e, JudgmentStore store, PrintWriter out) {
      var ma = e.embedder(a).manifest();
      var mb = e.embedder(b).manifest();
      long t0 = System.nanoTime();
      var r = new NeighbourAgreement(k, sample).measure(
          NeighbourAgreement.vectorsOf(e.catalog(), ma.id(), ma.onnxSha256()),
          NeighbourAgreement.vectorsOf(e.catalog(), mb.id(), mb.onnxSha256()), new Cancellation());
      out.printf(Locale.ROOT,
          "neighbour agreement %s vs %s at k = %d: %.4f (%d of %d passages scored%s; %.1f s)%n", a, b, k,
          r.agreement(), r.scored(), r.passages(), r.sampled() ? ", fixed-seed sample" : "",
          (System.nanoTime() - t0) / 1e9);
      return 0;
    }
  }
}
