package dev.rootcause.rules;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rule's metadata, on its class. It is the rule's documentation: {@code rootcause rules} and
 * {@code docs/rules.md} are generated from it, and it is validated into a {@link RuleInfo}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleSpec {
  /** Stable kebab-case id prefixed by its layer: {@code k8s/probe-port-not-exposed}. */
  String id();

  Severity severity();

  /**
   * {@code ROOT_CAUSE} when the symptom is a failure; {@code HARDENING} for advice that breaks
   * nothing by itself. A hardening rule may still report a root cause where it proves a failure.
   */
  FindingKind kind();

  /** One line, no trailing period: what is wrong. */
  String summary();

  /** What an on-call engineer sees at run time: {@code CrashLoopBackOff}, {@code no endpoints}. */
  String symptom();

  /** The generic remedy, ending with a period; findings may give a concrete one. */
  String fix();

  /**
   * For an {@code app/*} rule, the source languages whose readers find what it asks about; each
   * needs a positive fixture in that language. Other rules leave it empty.
   */
  AppFacts.Language[] languages() default {};

  /**
   * The {@code runtime/*} symptoms this rule's finding is the cause of when both share a subject:
   * {@code diagnose --repo} joins the two into one finding at this rule's line. Only a rule that
   * reads a repository (not a runtime rule) explains symptoms.
   */
  String[] explains() default {};

  /** Tunable limits, set per rule in {@code .rootcause.yaml} under {@code thresholds}. */
  Threshold[] thresholds() default {};

  /** One tunable number of a rule, with its default. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({})
  @interface Threshold {
    String name();

    long value();

    String description();
  }
}
