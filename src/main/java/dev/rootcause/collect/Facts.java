package dev.rootcause.collect;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Suppressions;
import dev.rootcause.model.SystemModel;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  /**
   * The files besides its own that the collectors read for this file ({@code env_file:}, {@code
   * .env}), by absolute path, with the content hash they had ("" when absent): part of the cache
   * key of these facts, so editing only such a file is never answered from a stale cache.
   */
  private final Map<String, String> besides = new TreeMap<>();

  /** Marks an existence check in {@link #besides}: no absolute path starts with it. */
  private static final String EXISTS = "?";

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

  /**
   * The lines of a file read beside the collected one ({@code env_file:}, {@code .env}), or null
   * when it is absent, unreadable or over {@code maxBytes}; its content becomes part of these
   * facts' cache key either way.
   */
  public List<String> readBeside(Path path, long maxBytes) {
    byte[] bytes = contentOf(path, maxBytes);
    synchronized (this) {
      // The limit is kept with the hash: a file over it is judged against the same limit again.
      besides.put(path.toAbsolutePath().normalize().toString(), maxBytes + ":" + hashOf(bytes));
    }
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8).lines().toList();
  }

  /**
   * Whether a file or folder exists, the answer becoming part of these facts' cache key (a
   * Dockerfile a build names may appear or go without the build file changing).
   */
  public boolean exists(Path path) {
    boolean exists = Files.exists(path);
    synchronized (this) {
      besides.put(EXISTS + path.toAbsolutePath().normalize(), exists ? "+" : "-");
    }
    return exists;
  }

  /**
   * Whether every file read beside this one still holds what it held when these facts were made.
   */
  synchronized boolean besidesUnchanged() {
    for (Map.Entry<String, String> e : besides.entrySet()) {
      if (e.getKey().startsWith(EXISTS)) {
        String now = Files.exists(Path.of(e.getKey().substring(EXISTS.length()))) ? "+" : "-";
        if (!now.equals(e.getValue())) {
          return false;
        }
        continue;
      }
      int colon = e.getValue().indexOf(':');
      if (colon < 0) {
        return false;
      }
      long maxBytes = Long.parseLong(e.getValue().substring(0, colon));
      String hash = e.getValue().substring(colon + 1);
      if (!hashOf(contentOf(Path.of(e.getKey()), maxBytes)).equals(hash)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] contentOf(Path path, long maxBytes) {
    try {
      if (!Files.isRegularFile(path) || Files.size(path) > maxBytes) {
        return null;
      }
      return Files.readAllBytes(path);
    } catch (IOException | RuntimeException e) {
      return null; // unreadable sets nothing rootcause can judge
    }
  }

  private static String hashOf(byte[] bytes) {
    return bytes == null ? "" : FactsCache.sha256(new String(bytes, StandardCharsets.ISO_8859_1));
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
