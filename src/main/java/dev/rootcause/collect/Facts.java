package dev.rootcause.collect;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SystemModel;
import java.util.ArrayList;
import java.util.List;

/** Where collectors put what they learn: model facts, and the problems they met. Thread-safe. */
public final class Facts {
  private final SystemModel.Builder model = SystemModel.builder();
  private final List<CollectionProblem> problems = new ArrayList<>();

  public SystemModel.Builder model() {
    return model;
  }

  public synchronized void problem(CollectionProblem problem) {
    problems.add(problem);
  }

  public synchronized List<CollectionProblem> problems() {
    return List.copyOf(problems);
  }
}
