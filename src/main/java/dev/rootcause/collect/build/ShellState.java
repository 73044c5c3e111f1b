package dev.rootcause.collect.build;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the shell knows at one point of a script: its variables, its working folder and whether
 * {@code eval $(minikube docker-env)} pointed docker at minikube. Copied for subshells and
 * branches.
 */
final class ShellState {
  Map<String, Var> vars;
  WorkDir cwd;
  Deque<WorkDir> dirStack;
  boolean minikubeDockerEnv;

  ShellState(Map<String, Var> vars, WorkDir cwd, Deque<WorkDir> dirStack, boolean minikube) {
    this.vars = vars;
    this.cwd = cwd;
    this.dirStack = dirStack;
    this.minikubeDockerEnv = minikube;
  }

  ShellState copy() {
    return new ShellState(new HashMap<>(vars), cwd, new ArrayDeque<>(dirStack), minikubeDockerEnv);
  }

  /** A shell variable: a string, an array, or set to something unknown ({@code values} null). */
  record Var(List<String> values, boolean array) {
    static final Var UNKNOWN = new Var(null, false);

    static Var of(String value) {
      return new Var(List.of(value), false);
    }

    boolean known() {
      return values != null;
    }

    String scalar() {
      return values.isEmpty() ? "" : values.get(0);
    }
  }
}
