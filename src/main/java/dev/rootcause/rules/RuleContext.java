package dev.rootcause.rules;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Location;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.cluster.SourceFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rule sees while it checks one element: the model, its tunable thresholds, and {@link
 * #report} to raise a finding pre-filled from the rule's metadata.
 */
public final class RuleContext {
  private final SystemModel model;
  private final RuleInfo info;
  private final RuleSettings settings;
  private final String defaultSubject;
  private final List<FindingBuilder> reported = new ArrayList<>();

  RuleContext(SystemModel model, RuleInfo info, RuleSettings settings, String defaultSubject) {
    this.model = model;
    this.info = info;
    this.settings = settings;
    this.defaultSubject = defaultSubject;
  }

  public SystemModel model() {
    return model;
  }

  /** The value of a threshold declared in the rule's {@link RuleSpec}, as configured. */
  public long threshold(String name) {
    RuleInfo.Threshold declared =
        info.thresholds().stream()
            .filter(t -> t.name().equals(name))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException(info.id() + " declares no threshold " + name));
    return settings.threshold(info.id(), name).orElse(declared.defaultValue());
  }

  /** Raises a finding at {@code primary}, where the fix goes; refine it with the builder. */
  public FindingBuilder report(Location primary, String message) {
    FindingBuilder b = new FindingBuilder(primary, message);
    reported.add(b);
    return b;
  }

  List<Finding> findings() {
    return reported.stream().map(FindingBuilder::build).toList();
  }

  /** Refines a reported finding; everything not set comes from the rule's metadata. */
  public final class FindingBuilder {
    private final Location primary;
    private final String message;
    private final List<Evidence> related = new ArrayList<>();
    private String subject = defaultSubject;
    private String symptom = info.symptom();
    private String fix = info.fix();
    private Severity severity = info.severity();
    private Confidence confidence = Confidence.CERTAIN;
    private FindingKind kind = info.kind();
    private SourceFrame frame;

    private FindingBuilder(Location primary, String message) {
      this.primary = primary;
      this.message = message;
    }

    /**
     * Another location the finding rests on, and what it contributes. Null locations are skipped.
     */
    public FindingBuilder related(Location location, String note) {
      if (location != null) {
        related.add(new Evidence(location, note));
      }
      return this;
    }

    public FindingBuilder subject(String subject) {
      this.subject = subject;
      return this;
    }

    public FindingBuilder symptom(String symptom) {
      this.symptom = symptom;
      return this;
    }

    /** The concrete fix for this finding ("Set containerPort to 8080."). */
    public FindingBuilder fix(String fix) {
      this.fix = fix;
      return this;
    }

    public FindingBuilder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public FindingBuilder confidence(Confidence confidence) {
      this.confidence = confidence;
      return this;
    }

    /**
     * A hardening rule that proves a failure in this case (the model links the gap to a symptom)
     * reports it as a root cause.
     */
    public FindingBuilder rootCause() {
      this.kind = FindingKind.ROOT_CAUSE;
      return this;
    }

    /** The frame of the application's code a stack trace in the log names (null: none). */
    public FindingBuilder frame(SourceFrame frame) {
      this.frame = frame;
      return this;
    }

    Finding build() {
      return new Finding(
          info.id(),
          severity,
          subject,
          symptom,
          message,
          primary,
          related,
          fix,
          confidence,
          kind,
          frame);
    }
  }
}
