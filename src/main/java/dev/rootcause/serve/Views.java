package dev.rootcause.serve;

import java.util.List;

/**
 * What the templates show, as plain values already redacted: the templates escape and lay out, they
 * decide nothing.
 */
public final class Views {
  private Views() {}

  /**
   * What every page shares: the CSRF token its forms carry, whether a login is in force and which
   * navigation item is the current one.
   */
  public record Chrome(String csrf, boolean tokenRequired, String active) {}

  /** One page of a longer list, and how to reach its neighbours. */
  public record Paging(int page, int pages, int total, String base) {
    public boolean hasPrevious() {
      return page > 1;
    }

    public boolean hasNext() {
      return page < pages;
    }

    public String previousUrl() {
      return url(page - 1);
    }

    public String nextUrl() {
      return url(page + 1);
    }

    private String url(int n) {
      return base + (base.contains("?") ? "&" : "?") + "page=" + n;
    }
  }

  /** One incident in the list. */
  public record Row(
      String id,
      String title,
      String severity,
      String status,
      boolean open,
      String services,
      String opened,
      int entries) {}

  /** The incidents page: the rows of this page, the filters and the counts. */
  public record ListPage(
      List<Row> rows,
      Paging paging,
      List<String> services,
      List<String> statuses,
      String service,
      String status,
      long openCount) {}

  /** One line of a timeline. */
  public record Entry(String at, String kind, String status, String text) {}

  /** One finding attached to an incident. */
  public record Cause(
      String ruleId, String ruleUrl, String severity, String where, String message, String fix) {}

  /** The findings of one layer (Kubernetes, Docker image, Application...). */
  public record LayerGroup(String title, List<Cause> causes) {}

  /** A service's error budget, ready to print. */
  public record BudgetRow(
      String service,
      String objective,
      String budget,
      String consumed,
      String remaining,
      double used,
      String usedPercent,
      String burnRate,
      boolean breached,
      long incidents) {}

  /**
   * The part of an incident page that follows the store: status, timeline page, findings, evidence
   * and budgets; {@code revision} changes whenever any of it does. {@code probeChart} is SVG markup
   * drawn by the report layer (every label escaped there), empty when no probe ran.
   */
  public record Live(
      String id,
      String revision,
      String status,
      boolean open,
      String downtime,
      List<Entry> entries,
      Paging paging,
      List<LayerGroup> findings,
      List<Cause> symptoms,
      List<Entry> evidence,
      String probeChart,
      int probeRuns,
      List<BudgetRow> budgets) {}

  /** Something the operator allowed the page to run: {@code scan} on a path. */
  public record RunTarget(int index, String kind, String target) {}

  /** The incident page: its header, the live part and the forms. */
  public record IncidentPage(
      String id,
      String title,
      String severity,
      String severityMeaning,
      String services,
      String opened,
      String impact,
      List<String> statuses,
      List<RunTarget> runs,
      Live live) {}

  /** The postmortem page: the report as HTML, or why there is none yet. */
  public record PostmortemPage(String id, String title, String html, String missing) {}

  /** The services page: every SLO's budget, and the services incidents named without one. */
  public record ServicesPage(List<BudgetRow> budgets, List<String> withoutSlo) {}

  /** One rule in the catalogue's table. */
  public record RuleRow(String id, String url, String severity, String kind, String summary) {}

  /** The rules of one layer. */
  public record RuleGroup(String title, List<RuleRow> rules) {}

  /** The rule catalogue page. */
  public record RulesPage(List<RuleGroup> groups, int count) {}

  /** One rule in full, its documentation rendered from Markdown. */
  public record RulePage(String id, String html) {}

  /** A page that says what went wrong and where to go back to. */
  public record Problem(String title, String message, String back) {}

  /** The login form, with the reason it is shown again. */
  public record Login(String message) {}
}
