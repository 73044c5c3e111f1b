package dev.rootcause.collect;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Suppressions;
import dev.rootcause.model.SystemModel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What collectors learned: model facts, the problems they met, suppression comments, and what they
 * set aside for their {@link FileCollector#link link} step. The collector fills one per file (a
 * value the cache keeps between runs), then merges them all into one for the link step.
 * Thread-safe.
 */
public final class Facts implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SystemModel.Builder model = SystemModel.builder();
  private final List<CollectionProblem> problems = new ArrayList<>();
  private final List<Suppressions.Comment> suppressions = new ArrayList<>();
  private final List<SetAside> setAside = new ArrayList<>();

  /** A value one collector keeps from one file until every file has been read. */
  private record SetAside(String collector, Serializable value) implements Serializable {}

  public SystemModel.Builder model() {
    return model;
  }

  public synchronized void problem(CollectionProblem problem) {
    problems.add(problem);
  }

  public synchronized List<CollectionProblem> problems() {
    return List.copyOf(problems);
  }

  synchronized void suppression(Suppressions.Comment comment) {
    suppressions.add(comment);
  }

  /** Keeps a value for {@code collector}'s link step, which joins what several files say. */
  public synchronized void setAside(Class<? extends FileCollector> collector, Serializable value) {
    setAside.add(new SetAside(collector.getName(), value));
  }

  /** The values {@code collector} set aside, in the order their files were merged. */
  public synchronized <T> List<T> setAside(
      Class<? extends FileCollector> collector, Class<T> type) {
    return setAside.stream()
        .filter(s -> s.collector().equals(collector.getName()) && type.isInstance(s.value()))
        .map(s -> type.cast(s.value()))
        .toList();
  }

  /** Adds everything one file's facts hold. */
  public synchronized void addAll(Facts file) {
    synchronized (file) {
      model.addAll(file.model);
      problems.addAll(file.problems);
      suppressions.addAll(file.suppressions);
      setAside.addAll(file.setAside);
    }
  }

  /** Freezes the facts into the model, with the suppression comments read. */
  public synchronized SystemModel build() {
    return model.suppressions(Suppressions.of(suppressions)).build();
  }
}
