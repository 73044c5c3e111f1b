package dev.rootcause.serve;

import dev.rootcause.model.Layer;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.pipeline.IncidentCache;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Postmortems;
import dev.rootcause.report.RuleCatalogue;
import dev.rootcause.report.incident.PostmortemHtml;
import dev.rootcause.report.incident.ProbeCharts;
import dev.rootcause.report.incident.Spans;
import dev.rootcause.serve.Views.BudgetRow;
import dev.rootcause.serve.Views.Cause;
import dev.rootcause.serve.Views.Entry;
import dev.rootcause.serve.Views.IncidentPage;
import dev.rootcause.serve.Views.LayerGroup;
import dev.rootcause.serve.Views.ListPage;
import dev.rootcause.serve.Views.Live;
import dev.rootcause.serve.Views.Paging;
import dev.rootcause.serve.Views.PostmortemPage;
import dev.rootcause.serve.Views.Row;
import dev.rootcause.serve.Views.RuleGroup;
import dev.rootcause.serve.Views.RulePage;
import dev.rootcause.serve.Views.RuleRow;
import dev.rootcause.serve.Views.RulesPage;
import dev.rootcause.serve.Views.RunTarget;
import dev.rootcause.serve.Views.ServicesPage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Builds each page's view from the incidents as the {@link IncidentCache} keeps them (read again
 * only when the store changes): filtering, ordering and paging happen here, every text from the
 * store is redacted here, the templates only lay it out.
 */
final class Pages {
  static final int INCIDENTS_PER_PAGE = 50;
  static final int ENTRIES_PER_PAGE = 100;

  private final IncidentCache incidents;
  private final Postmortems postmortems;
  private final List<RuleInfo> rules;
  private final List<RunTarget> runs;

  Pages(
      IncidentCache incidents,
      Postmortems postmortems,
      List<RuleInfo> rules,
      List<RunTarget> runs) {
    this.incidents = incidents;
    this.postmortems = postmortems;
    this.rules = List.copyOf(rules);
    this.runs = List.copyOf(runs);
  }

  /** What the list and {@code /api/incidents} show: the filter applied, open incidents first. */
  record Selection(List<Incident> page, Paging paging, List<Incident> all) {}

  Selection select(String service, String status, int page, int size) throws InputException {
    List<Incident> all = incidents.all();
    Predicate<Incident> wanted = statusFilter(status);
    List<Incident> chosen =
        all.stream()
            .filter(i -> service == null || service.isBlank() || i.services().contains(service))
            .filter(wanted)
            // The store lists newest first; a stable sort keeps that order within open and closed.
            .sorted(Comparator.comparing((Incident i) -> !i.status().open()))
            .toList();
    String base = "/?" + query("service", service) + "&" + query("status", status);
    Paging paging = paging(page, size, chosen.size(), base);
    int from = (paging.page() - 1) * size;
    return new Selection(chosen.subList(from, Math.min(chosen.size(), from + size)), paging, all);
  }

  ListPage list(String service, String status, int page) throws InputException {
    Selection s = select(service, status, page, INCIDENTS_PER_PAGE);
    Set<String> services = new TreeSet<>();
    s.all().forEach(i -> services.addAll(i.services()));
    List<String> statuses = new ArrayList<>(List.of("open", "all"));
    Arrays.stream(Status.values()).map(Status::label).forEach(statuses::add);
    return new ListPage(
        s.page().stream().map(Pages::row).toList(),
        s.paging(),
        List.copyOf(services),
        statuses,
        service == null ? "" : service,
        status == null ? "" : status,
        s.all().stream().filter(i -> i.status().open()).count());
  }

  private static Predicate<Incident> statusFilter(String status) throws InputException {
    if (status == null || status.isBlank() || status.equals("all")) {
      return i -> true;
    }
    if (status.equals("open")) {
      return i -> i.status().open();
    }
    for (Status s : Status.values()) {
      if (s.label().equals(status)) {
        return i -> i.status() == s;
      }
    }
    throw new InputException(
        "status '"
            + status
            + "' is not open, all, investigating, identified, monitoring or resolved");
  }

  private static Row row(Incident i) {
    return new Row(
        i.id(),
        Safe.text(i.title()),
        i.severity().name(),
        i.status().label(),
        i.status().open(),
        Safe.text(String.join(", ", i.services())),
        Spans.moment(i.openedAt()),
        i.timeline().size());
  }

  IncidentPage incident(String id, int page) throws InputException {
    Incident i = incidents.show(id);
    String impact =
        Spans.moment(i.impactFrom())
            + (i.impactTo() == 0 ? ", ongoing" : " to " + Spans.moment(i.impactTo()));
    return new IncidentPage(
        i.id(),
        Safe.text(i.title()),
        i.severity().name(),
        i.severity().meaning(),
        Safe.text(String.join(", ", i.services())),
        Spans.moment(i.openedAt()),
        impact,
        Arrays.stream(Status.values()).map(Status::label).toList(),
        runs,
        live(i, page));
  }

  Live live(String id, int page) throws InputException {
    return live(incidents.show(id), page);
  }

  /** A cheap fingerprint of what the live part shows, so a poll can say "nothing new". */
  static String revision(Incident i) {
    return i.status().name()
        + "."
        + i.timeline().size()
        + "."
        + i.rootCauses().size()
        + "."
        + i.impactStart()
        + "."
        + i.impactEnd();
  }

  /** The incident as the store holds it now (for {@code /api/incidents/{id}}). */
  Incident incident(String id) throws InputException {
    return incidents.show(id);
  }

  String revision(String id) throws InputException {
    return revision(incidents.show(id));
  }

  private Live live(Incident i, int page) throws InputException {
    // Newest first: during an incident the last entries are the ones people need.
    List<TimelineEntry> newest = new ArrayList<>(i.timeline());
    java.util.Collections.reverse(newest);
    Paging paging = paging(page, ENTRIES_PER_PAGE, newest.size(), "/incidents/" + i.id());
    int from = (paging.page() - 1) * ENTRIES_PER_PAGE;
    List<Entry> entries =
        newest.subList(from, Math.min(newest.size(), from + ENTRIES_PER_PAGE)).stream()
            .map(Pages::entry)
            .toList();
    Map<Layer, List<Cause>> byLayer = new EnumMap<>(Layer.class);
    List<Cause> symptoms = new ArrayList<>();
    for (RootCause c : i.rootCauses()) {
      Layer layer = layer(c);
      if (layer == Layer.RUNTIME) {
        symptoms.add(cause(c));
      } else if (layer != null) {
        byLayer.computeIfAbsent(layer, l -> new ArrayList<>()).add(cause(c));
      } else {
        byLayer.computeIfAbsent(Layer.CROSS, l -> new ArrayList<>()).add(cause(c));
      }
    }
    List<LayerGroup> groups =
        byLayer.entrySet().stream()
            .map(e -> new LayerGroup(e.getKey().title(), List.copyOf(e.getValue())))
            .toList();
    List<Entry> evidence =
        i.timeline().stream()
            .filter(e -> e.kind() == TimelineEntry.Kind.EVIDENCE)
            .map(Pages::entry)
            .toList();
    List<BudgetRow> rows =
        incidents.budgets().stream()
            .filter(b -> i.services().contains(b.slo().service()))
            .map(Pages::budgetRow)
            .toList();
    List<ProbeSample> samples = incidents.samples(i.id()).stream().map(Pages::redacted).toList();
    return new Live(
        i.id(),
        revision(i),
        i.status().label(),
        i.status().open(),
        i.downtimeSeconds() == 0 ? "ongoing" : Spans.human(i.downtimeSeconds()),
        entries,
        paging,
        groups,
        symptoms,
        evidence,
        ProbeCharts.svg(i, samples),
        samples.size(),
        rows);
  }

  /** A probed URL may carry a token in its query: the chart's tooltips show it redacted. */
  private static ProbeSample redacted(ProbeSample s) {
    return new ProbeSample(
        s.service(),
        s.incidentId(),
        s.at(),
        s.seconds(),
        Safe.text(s.url()),
        s.requests(),
        s.bad(),
        s.slow(),
        s.slowMicros(),
        s.p50Micros(),
        s.p95Micros(),
        s.p99Micros(),
        s.maxMicros());
  }

  private static Layer layer(RootCause c) {
    try {
      return Layer.ofRuleId(c.ruleId());
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  private Cause cause(RootCause c) {
    boolean known = rules.stream().anyMatch(r -> r.id().equals(c.ruleId()));
    return new Cause(
        c.ruleId(),
        known ? "/rules/" + c.ruleId() : null,
        c.severity(),
        Safe.text(c.where()),
        Safe.text(c.message()),
        Safe.text(c.fix()));
  }

  private static Entry entry(TimelineEntry e) {
    return new Entry(
        Spans.moment(e.at()),
        e.kind().name().toLowerCase(Locale.ROOT),
        e.status() == null ? "" : e.status().label(),
        Safe.text(e.text()));
  }

  static BudgetRow budgetRow(Budget b) {
    return new BudgetRow(
        Safe.text(b.slo().service()),
        Safe.text(b.slo().objective()),
        Spans.human(b.slo().budgetSeconds()),
        Spans.human(b.consumedSeconds()),
        b.remainingSeconds() >= 0
            ? Spans.human(b.remainingSeconds())
            : "-" + Spans.human(-b.remainingSeconds()),
        Math.min(1.0, b.used()),
        Spans.percent(b.used()),
        String.format(Locale.ROOT, "%.1fx", b.burnRate()),
        b.breached(),
        b.charges().size());
  }

  /** The postmortem as the self-contained file {@code report --format html} writes. */
  String postmortemFile(String id) throws InputException {
    return PostmortemHtml.render(postmortems.of(id));
  }

  PostmortemPage postmortem(String id) throws InputException {
    Incident i = incidents.show(id);
    try {
      return new PostmortemPage(
          i.id(), Safe.text(i.title()), PostmortemView.html(postmortems.of(id)), null);
    } catch (InputException noEvidence) {
      return new PostmortemPage(i.id(), Safe.text(i.title()), null, noEvidence.getMessage());
    }
  }

  List<Budget> budgetList() throws InputException {
    return incidents.budgets();
  }

  ServicesPage services() throws InputException {
    List<Budget> all = incidents.budgets();
    Set<String> withSlo = new LinkedHashSet<>();
    all.forEach(b -> withSlo.add(b.slo().service()));
    Set<String> without = new TreeSet<>();
    for (Incident i : incidents.all()) {
      i.services().stream().filter(s -> !withSlo.contains(s)).forEach(without::add);
    }
    return new ServicesPage(
        all.stream().map(Pages::budgetRow).toList(), without.stream().map(Safe::text).toList());
  }

  RulesPage rules() {
    Map<Layer, List<RuleRow>> byLayer = new EnumMap<>(Layer.class);
    rules.stream()
        .sorted(Comparator.comparing(RuleInfo::id))
        .forEach(
            r ->
                byLayer
                    .computeIfAbsent(r.layer(), l -> new ArrayList<>())
                    .add(
                        new RuleRow(
                            r.id(),
                            "/rules/" + r.id(),
                            r.severity().label(),
                            r.kind().label(),
                            r.summary())));
    return new RulesPage(
        byLayer.entrySet().stream()
            .map(e -> new RuleGroup(e.getKey().title(), List.copyOf(e.getValue())))
            .toList(),
        rules.size());
  }

  Optional<RulePage> rule(String id) {
    return rules.stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .map(r -> new RulePage(r.id(), Markdown.html(RuleCatalogue.page(r))));
  }

  static Paging paging(int page, int size, int total, String base) {
    int pages = Math.max(1, (total + size - 1) / size);
    return new Paging(Math.max(1, Math.min(page, pages)), pages, total, base);
  }

  private static String query(String name, String value) {
    return name + "=" + URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
