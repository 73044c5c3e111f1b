package dev.rootcause.rules;

import dev.rootcause.model.app.AppFacts;

/** A rule asked once for the facts of each application source tree. */
public non-sealed interface AppRule extends Rule {
  void check(AppFacts app, RuleContext ctx);
}
