package dev.rootcause.pipeline;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Layer;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.LogCause;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.SourceFrame;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merge step after the engine when a repository and a cluster were read together: a runtime
 * symptom and the static finding that explains it (its rule's {@code explains}) on the same
 * subject, the same workload and container, become one finding at the line to fix carrying the
 * cluster's evidence. Findings that join nothing stay as they are.
 */
final class SymptomJoin {
  /** The note on a merged finding's evidence at the symptom: {@code <rule> observed here}. */
  static final String OBSERVED = " observed here";

  private static final Pattern CONTAINER = Pattern.compile("containers\\{([^}]+)}");
  private static final String CRASH_LOOP = "runtime/crash-loop-back-off";

  /** What a finding is about: a manifest's object and, for a container's finding, the container. */
  record Subject(String kind, String namespace, String name, String container) {
    /** An unset manifest namespace is decided at apply time: it matches any. */
    boolean sameAs(ClusterLocation at, String atContainer) {
      return kind.equals(at.kind())
          && name.equals(at.name())
          && (namespace == null || namespace.equals(at.namespace()))
          && Objects.equals(container, atContainer);
    }
  }

  private final Map<String, Set<String>> explainedBy = new HashMap<>();
  private final Map<String, Subject> subjects = new HashMap<>();
  private final SystemModel repository;
  private final Set<String> files;

  /** A join against a repository whose files are the ones its facts name. */
  SymptomJoin(List<RuleInfo> catalogue, SystemModel repository) {
    this(catalogue, repository, SymptomCode.knownFiles(repository));
  }

  /** {@code files}: the repository's files, relative to its root (a frame's path maps to one). */
  SymptomJoin(List<RuleInfo> catalogue, SystemModel repository, Set<String> files) {
    this.repository = repository;
    this.files = files;
    for (RuleInfo info : catalogue) {
      for (String symptom : info.explains()) {
        explainedBy.computeIfAbsent(symptom, s -> new HashSet<>()).add(info.id());
      }
    }
    // Static rules name their subject as the object's display name and, for a container, its name.
    for (Workload w : repository.workloads()) {
      for (Container c : w.containers()) {
        subjects.put(
            w.meta().displayName() + " container " + c.name(), subject(w.meta(), c.name()));
      }
    }
    for (Service s : repository.services()) {
      subjects.put(s.meta().displayName(), subject(s.meta(), null));
    }
  }

  private static Subject subject(ObjectMeta meta, String container) {
    return new Subject(meta.kind(), meta.namespace(), meta.name(), container);
  }

  /** The findings with each explained symptom joined to its cause, in the order given. */
  List<Finding> join(List<Finding> findings, ClusterState cluster) {
    Map<Finding, List<Finding>> causes = new IdentityHashMap<>();
    Set<Finding> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Set<String> paths = new HashSet<>(files);
    findings.stream()
        .map(Finding::primary)
        .filter(SourceLocation.class::isInstance)
        .forEach(l -> paths.add(((SourceLocation) l).path()));
    SymptomCode code = new SymptomCode(repository, cluster, paths);
    for (Finding symptom : findings) {
      if (symptom.layer() != Layer.RUNTIME || !(symptom.primary() instanceof ClusterLocation at)) {
        continue;
      }
      Set<String> rules = explainedBy.getOrDefault(symptom.ruleId(), Set.of());
      String container = container(at.fieldPath());
      LogCause logCause =
          CRASH_LOOP.equals(symptom.ruleId()) ? logCause(cluster, at, container) : null;
      List<Finding> found = new ArrayList<>();
      for (Finding cause : findings) {
        Subject s = subjects.get(cause.subject());
        if (rules.contains(cause.ruleId())
            && !used.contains(cause)
            && s != null
            && s.sameAs(at, container)
            && (!CRASH_LOOP.equals(symptom.ruleId()) || names(cause, logCause))
            && !aboutAnotherProbe(cause, at.fieldPath())) {
          found.add(cause);
        }
      }
      if (found.isEmpty()) {
        found = inCode(symptom, at, container, rules, findings, used, code);
      }
      if (!found.isEmpty()) {
        found.sort(namingField(at.fieldPath()));
        used.addAll(found);
        causes.put(symptom, found);
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (causes.containsKey(f)) {
        out.add(merged(f, causes.get(f)));
      } else if (!used.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * The static findings in the code the symptom's container runs that explain it: with a stack
   * frame, those in the frame's file and in its function (or on its line when the function is not
   * known); without one, the application findings of the application the image is built from.
   */
  private static List<Finding> inCode(
      Finding symptom,
      ClusterLocation at,
      String container,
      Set<String> rules,
      List<Finding> findings,
      Set<Finding> used,
      SymptomCode code) {
    SourceFrame frame = symptom.frame();
    String file = frame == null ? null : code.file(frame, at, container);
    AppFacts app = frame != null ? null : code.app(at, container).orElse(null);
    List<Finding> found = new ArrayList<>();
    for (Finding cause : findings) {
      if (!rules.contains(cause.ruleId())
          || used.contains(cause)
          || !(cause.primary() instanceof SourceLocation s)) {
        continue;
      }
      if (file != null ? raisedAt(file, frame, s, code) : app != null && inApp(cause, s, app)) {
        found.add(cause);
      }
    }
    return found;
  }

  private static boolean raisedAt(
      String file, SourceFrame frame, SourceLocation s, SymptomCode code) {
    if (!s.path().equals(file)) {
      return false;
    }
    if (s.line() == frame.line()) {
      return true;
    }
    String function = code.function(s);
    return function != null && function.equals(frame.simpleFunction());
  }

  /** An application finding about the code of {@code app}: what its subject and line say. */
  private static boolean inApp(Finding cause, SourceLocation s, AppFacts app) {
    return cause.layer() == Layer.APP
        && (app.root().isEmpty() || s.path().startsWith(app.root() + "/"));
  }

  private static final List<String> PROBES =
      List.of("readinessProbe", "livenessProbe", "startupProbe");

  /**
   * A failing readinessProbe is not explained by a finding about the livenessProbe beside it: its
   * fix (move the liveness port) would leave the readiness failure as it was, or break liveness.
   */
  private static boolean aboutAnotherProbe(Finding cause, String fieldPath) {
    if (fieldPath == null) {
      return false;
    }
    String failing = PROBES.stream().filter(fieldPath::endsWith).findFirst().orElse(null);
    return failing != null
        && !cause.message().contains(failing)
        && PROBES.stream().anyMatch(cause.message()::contains);
  }

  /**
   * A crash loop is explained by a static finding only when the log's cause is what that finding
   * names (the missing variable or setting, the host that does not resolve), not by any finding on
   * the same container.
   */
  static boolean names(Finding cause, LogCause logCause) {
    if (logCause == null || logCause.subject() == null) {
      return false;
    }
    return switch (logCause.kind()) {
      case MISSING_ENV, MISSING_SETTING ->
          Pattern.compile(
                  "(?<![A-Za-z0-9_])" + Pattern.quote(logCause.subject()) + "(?![A-Za-z0-9_])")
              .matcher(cause.message())
              .find();
      // A host is a whole name: "postgres" is not named by "postgres-replica" or "postgres.prod".
      case HOST_NOT_FOUND ->
          Pattern.compile(
                  "(?<![A-Za-z0-9_.-])"
                      + Pattern.quote(logCause.subject())
                      + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])")
              .matcher(cause.message())
              .find();
      default -> false;
    };
  }

  /** The cause the last log of the symptom's container proves, as the crash-loop rule reads it. */
  private static LogCause logCause(ClusterState cluster, ClusterLocation at, String container) {
    if (cluster == null || container == null) {
      return null;
    }
    for (PodState pod : cluster.pods()) {
      ClusterLocation owner = cluster.fixTarget(pod, null);
      if (!owner.kind().equals(at.kind())
          || !owner.name().equals(at.name())
          || !Objects.equals(owner.namespace(), at.namespace())) {
        continue;
      }
      ContainerLog log = cluster.log(pod, container);
      if (log != null) {
        for (LogLine line : log.lines()) {
          if (line.cause() != null) {
            return line.cause();
          }
        }
      }
    }
    return null;
  }

  /**
   * Of several causes on one container, the one naming the field the symptom shows comes first: a
   * failing readinessProbe is fixed at the probe's port, not at the EXPOSE line beside it.
   */
  private static java.util.Comparator<Finding> namingField(String fieldPath) {
    String field = fieldPath == null ? "" : fieldPath.substring(fieldPath.lastIndexOf('.') + 1);
    return java.util.Comparator.comparing(f -> field.isEmpty() || !f.message().contains(field));
  }

  private static String container(String fieldPath) {
    if (fieldPath == null) {
      return null;
    }
    Matcher m = CONTAINER.matcher(fieldPath);
    return m.find() ? m.group(1) : null;
  }

  /**
   * One finding: the cause's rule, subject, message, line and fix; the symptom as observed; the
   * cluster object and its evidence (the log line, the event) first among the related locations.
   */
  private static Finding merged(Finding symptom, List<Finding> causes) {
    Finding cause = causes.get(0);
    List<Evidence> related = new ArrayList<>();
    related.add(new Evidence(symptom.primary(), symptom.ruleId() + OBSERVED));
    related.addAll(symptom.related());
    related.addAll(cause.related());
    Severity severity = symptom.severity();
    Confidence confidence = Confidence.CERTAIN;
    for (Finding c : causes) {
      severity = c.severity().atLeast(severity) ? c.severity() : severity;
      if (c != cause) {
        related.add(new Evidence(c.primary(), c.ruleId() + ": " + c.message()));
        related.addAll(c.related());
      }
    }
    return new Finding(
        cause.ruleId(),
        severity,
        cause.subject(),
        symptom.message(),
        cause.message(),
        cause.primary(),
        related,
        cause.fix(),
        confidence,
        FindingKind.ROOT_CAUSE);
  }
}
