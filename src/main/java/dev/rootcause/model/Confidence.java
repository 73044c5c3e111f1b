package dev.rootcause.model;

/**
 * How sure a finding is. {@code CERTAIN}: read directly from the artifacts. {@code LIKELY}: rests
 * on a link rootcause inferred (e.g. the only Dockerfile in the repository builds this image).
 */
public enum Confidence {
  CERTAIN,
  LIKELY
}
