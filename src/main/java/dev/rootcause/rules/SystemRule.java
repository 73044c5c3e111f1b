package dev.rootcause.rules;

/** A rule asked once for the whole model at once, for questions that span many objects. */
public non-sealed interface SystemRule extends Rule {
  void check(RuleContext ctx);
}
