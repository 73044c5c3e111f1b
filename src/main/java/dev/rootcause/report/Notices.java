package dev.rootcause.report;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Coverage;
import dev.rootcause.model.ScanResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;

/**
 * What a scan says on standard error beside its reports: the files it could not read, unless a text
 * report on standard output already lists them; with {@code --verbose}, the notes, where the CPU
 * time went, and how the cache of per-file facts served the scan.
 */
public final class Notices implements ReportRenderer {
  private final boolean skippedInReport;
  private final boolean verbose;

  /**
   * @param skippedInReport a text report on standard output lists the files not read
   * @param verbose also the notes and the CPU time line
   */
  public Notices(boolean skippedInReport, boolean verbose) {
    this.skippedInReport = skippedInReport;
    this.verbose = verbose;
  }

  @Override
  public void render(ScanResult result, Writer writer) throws IOException {
    PrintWriter err = new PrintWriter(writer);
    for (CollectionProblem p : result.problems()) {
      if (p.kind() == CollectionProblem.Kind.SKIPPED && !skippedInReport) {
        err.println("rootcause: warning: " + p.display());
      } else if (p.kind() == CollectionProblem.Kind.NOTE && verbose) {
        err.println("rootcause: note: " + p.display());
      }
    }
    if (verbose) {
      // Where the time went, so a slow scan can be traced to a kind of file or to the rules.
      // "(tree-sitter-parse)" is the part of the collectors' times spent in the native parser.
      StringBuilder line = new StringBuilder("rootcause: cpu ms:");
      result.cpuMillis().entrySet().stream()
          .filter(e -> e.getValue() > 0)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> line.append(' ').append(e.getKey()).append('=').append(e.getValue()));
      err.println(line);
      ScanResult.CacheUse cache = result.cache();
      if (cache.used()) {
        err.println(
            "rootcause: cache: "
                + cache.filesFromCache()
                + " of "
                + result.inventory().filesScanned()
                + " files unchanged since the last scan"
                + (cache.problem() == null ? "" : "; " + cache.problem()));
      }
    }
    err.flush();
  }

  /** Why {@code --strict} failed the run: how many files were not read, and why. */
  public static String strictFailure(ScanResult result) {
    Coverage coverage = result.coverage();
    boolean allListed = coverage.notedOnly().isEmpty();
    int skipped = allListed ? result.skipped().size() : coverage.notRead().size();
    return "rootcause: --strict: "
        + skipped
        + (skipped == 1 ? " file was" : " files were")
        + " not read"
        + (allListed
            ? " (listed above)"
            : ": " + coverage.notReadSummary() + " (--verbose lists the notes)");
  }

  /** Whether {@code --strict} fails this result: anything found and not read, for any reason. */
  public static boolean strictFails(ScanResult result) {
    return !result.skipped().isEmpty() || !result.coverage().complete();
  }

  /**
   * Why a result that read nothing relevant and found nothing is not a pass; null when it is one
   * (something was read, or something was found).
   */
  public static String nothingRead(ScanResult result) {
    Coverage coverage = result.coverage();
    if (!coverage.known() || coverage.readSomethingRelevant() || !result.findings().isEmpty()) {
      return null;
    }
    return "rootcause: nothing checked: " + coverage.nothingReadReason(result.root());
  }
}
