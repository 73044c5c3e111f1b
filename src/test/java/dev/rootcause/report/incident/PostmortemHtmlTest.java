package dev.rootcause.report.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.BurnAlert;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Slo;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTML postmortem is one self-contained page: nothing fetched, no script, every string from the
 * store escaped and redacted, and the charts drawn inline.
 */
class PostmortemHtmlTest {
  private static final long T0 = 1_749_736_800L; // 2025-06-12T14:00:00Z

  private static Postmortem hostile() {
    Incident i =
        new Incident(
            "INC-2025-007",
            "checkout <img src=x onerror=alert(1)> returns 500",
            IncidentSeverity.SEV1,
            Status.RESOLVED,
            List.of("checkout"),
            T0 + 120,
            T0,
            T0 + 600,
            List.of(
                new TimelineEntry(T0 + 120, TimelineEntry.Kind.OPENED, null, "Incident opened"),
                new TimelineEntry(
                    T0 + 150,
                    TimelineEntry.Kind.NOTE,
                    null,
                    "pasted from the log: <script>alert('x')</script> db password=hunter2"),
                new TimelineEntry(
                    T0 + 200,
                    TimelineEntry.Kind.EVIDENCE,
                    null,
                    "First failing probe: https://checkout/?token=s3cr3tt0ken: always failing"),
                new TimelineEntry(
                    T0 + 600, TimelineEntry.Kind.STATUS, Status.RESOLVED, "Status: resolved"),
                new TimelineEntry(
                    T0 + 4_000, TimelineEntry.Kind.LESSON, null, "probe after every deploy")),
            List.of(
                new RootCause(
                    "app/json-loads-on-file",
                    "high",
                    "app",
                    "application.py",
                    18,
                    "json.loads(f) & <friends>",
                    "Use json.load(f).")));
    Slo slo = new Slo("checkout", 365 * 86_400L, 1_200, "20m downtime over 1y");
    Charge c = new Charge(i.id(), i.title(), 300, 0.25, true, T0 + 600, 40, 20);
    Budget b =
        new Budget(
            slo,
            300,
            100,
            List.of(c),
            List.of(new BurnAlert("page", 3_600, 300, 14.4, T0 + 210, 900, 900)),
            60);
    List<ProbeSample> runs =
        List.of(
            new ProbeSample(
                "checkout",
                i.id(),
                T0 + 190,
                10,
                "https://checkout/?token=s3cr3tt0ken",
                20,
                20,
                0,
                0,
                900,
                4_000,
                5_000,
                9_000),
            new ProbeSample(
                "checkout",
                i.id(),
                T0 + 400,
                10,
                "https://checkout/",
                20,
                0,
                0,
                0,
                800,
                1_500,
                2_000,
                3_000));
    return new Postmortem(i, List.of(b), List.of(c), 120, 500, 600, List.of(), runs);
  }

  @Test
  void nothingIsFetchedAndNoScriptRuns() {
    String html = PostmortemHtml.render(hostile());

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>");
    // Every real tag (text is escaped, so a '<' in it is never one): none fetches or runs.
    java.util.regex.Matcher tags = java.util.regex.Pattern.compile("<[a-zA-Z][^>]*>").matcher(html);
    List<String> all = new java.util.ArrayList<>();
    while (tags.find()) {
      all.add(tags.group().toLowerCase(java.util.Locale.ROOT));
    }
    assertThat(all).isNotEmpty();
    assertThat(all)
        .noneMatch(t -> t.startsWith("<script") || t.startsWith("<link") || t.startsWith("<img"))
        .noneMatch(t -> t.contains(" src=") || t.contains(" href=") || t.matches(".* on[a-z]+=.*"));
    assertThat(html).doesNotContain("@import", "url(");
  }

  @Test
  void notesAndEvidenceAreEscapedAndTheirSecretsRedacted() {
    String html = PostmortemHtml.render(hostile());

    assertThat(html)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("json.loads(f) &amp; &lt;friends&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("hunter2", "s3cr3tt0ken");
  }

  @Test
  void theChartsAreInlineSvgWithTheImpactTheBudgetAndTheTimeline() {
    String html = PostmortemHtml.render(hostile());

    assertThat(html).contains("<h3>Error rate and latency over the incident</h3>");
    assertThat(html.split("<svg ", -1)).hasSize(5); // measurements, gauge, burn, timeline
    assertThat(html).contains("aria-label=\"timeline\"", "aria-label=\"error budget used\"");
    // The first run failed 20 of 20: its bar is the full height of the plot, with its tooltip.
    assertThat(html).contains("20 of 20 failed (100.0%), p95 4ms");
    assertThat(html)
        .contains("page (1h and 5m over 14.4x): would have fired at 2025-06-12 14:03 UTC");
    assertThat(html).contains("<b>25.0%</b>error budget used");
  }

  @Test
  void everySectionOfTheMarkdownIsThere() {
    String html = PostmortemHtml.render(hostile());

    assertThat(html)
        .contains(
            "<h2>Summary</h2>",
            "<h2>Impact</h2>",
            "<h2>Detection</h2>",
            "<h2>Root causes</h2>",
            "<h2>Timeline</h2>",
            "<h2>Resolution</h2>",
            "<h2>Action items</h2>",
            "<h2>Lessons learned</h2>");
  }
}
