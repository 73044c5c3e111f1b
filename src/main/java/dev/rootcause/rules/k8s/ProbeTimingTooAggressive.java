package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ImageSource;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.WellKnownImages;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ImageRef;
import dev.rootcause.model.k8s.Probe;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/**
 * Seed 000: initialDelaySeconds 2 ("waited only 2 seconds for app to start"); seed 001: readiness
 * period and timeout of 1 s. A liveness probe that fires before start-up completes kills a healthy
 * container; one that allows less than a few seconds per check flaps under load.
 */
@RuleSpec(
    id = "k8s/probe-timing-too-aggressive",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Probe starts too early or checks too often for the app to answer",
    symptom = "restarts during start-up or under load; pods flap between Ready and not Ready",
    fix =
        "Give the app time: a startupProbe or a larger initialDelaySeconds, and periodSeconds/timeoutSeconds of a few seconds.",
    thresholds = {
      @RuleSpec.Threshold(
          name = "minInitialDelaySeconds",
          value = 5,
          description =
              "liveness initialDelaySeconds below this, with no startupProbe, is too early"),
      @RuleSpec.Threshold(
          name = "minPeriodSeconds",
          value = 3,
          description = "periodSeconds below this probes too often"),
    })
public final class ProbeTimingTooAggressive implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    if (listensAtOnce(container, ctx.model())) {
      return; // nginx, httpd, http-echo answer within a second: any timing suits them
    }
    long minDelay = ctx.threshold("minInitialDelaySeconds");
    long minPeriod = ctx.threshold("minPeriodSeconds");
    for (Probe probe : container.probes()) {
      String field = probe.kind().field();
      boolean guardedByStartup = container.startup() != null && probe.kind() != Probe.Kind.STARTUP;
      SourceLocation delayAt = probe.timing().initialDelay();
      if (probe.kind() == Probe.Kind.LIVENESS
          && !guardedByStartup
          && delayAt != null
          && probe.initialDelaySeconds() < minDelay) {
        ctx.report(
                delayAt,
                field
                    + " starts "
                    + probe.initialDelaySeconds()
                    + " s after the container starts, with no startupProbe to cover a slow start")
            .fix("Raise initialDelaySeconds to at least " + minDelay + ", or add a startupProbe.");
      } else if (probe.kind() == Probe.Kind.READINESS
          && !guardedByStartup
          && delayAt != null
          && probe.initialDelaySeconds() < minDelay) {
        // Readiness never restarts: an early start only fails until the app listens. Worth a note.
        ctx.report(
                delayAt,
                field
                    + " starts "
                    + probe.initialDelaySeconds()
                    + " s after the container starts, before most apps listen")
            .severity(Severity.LOW)
            .symptom("'Readiness probe failed' events and a slower rollout while the app starts")
            .fix("Raise initialDelaySeconds to at least " + minDelay + ", or add a startupProbe.");
      }
      SourceLocation periodAt = probe.timing().period();
      if (periodAt != null
          && probe.periodSeconds() < minPeriod
          && probe.kind() != Probe.Kind.STARTUP) {
        ctx.report(
                periodAt,
                field
                    + " runs every "
                    + probe.periodSeconds()
                    + " s with a "
                    + probe.timeoutSeconds()
                    + " s timeout: one slow response fails it")
            .related(probe.timing().timeout(), "timeoutSeconds " + probe.timeoutSeconds())
            .fix(
                "Set periodSeconds to at least "
                    + minPeriod
                    + " and timeoutSeconds to a few seconds.");
      }
    }
  }

  /**
   * A well-known server image run as it comes (no command of its own), directly or as the base of
   * the final stage of the Dockerfile that builds the image, with no CMD or ENTRYPOINT of its own.
   */
  private static boolean listensAtOnce(Container container, SystemModel model) {
    if (container.image() == null || !container.command().isEmpty()) {
      return false;
    }
    if (WellKnownImages.listensAtOnce(container.image().normalizedRepository())) {
      return true;
    }
    return model
        .imageSource(container)
        .map(ImageSource::dockerfile)
        .flatMap(Dockerfile::finalStage)
        .filter(stage -> stage.cmd() == null && stage.entrypoint() == null)
        .map(stage -> ImageRef.parse(stage.baseImage(), null).normalizedRepository())
        .filter(WellKnownImages::listensAtOnce)
        .isPresent();
  }
}
