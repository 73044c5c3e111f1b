package dev.rootcause.rules;

import dev.rootcause.model.docker.Dockerfile;

/** A rule asked once for each Dockerfile. */
public non-sealed interface DockerfileRule extends Rule {
  void check(Dockerfile dockerfile, RuleContext ctx);
}
