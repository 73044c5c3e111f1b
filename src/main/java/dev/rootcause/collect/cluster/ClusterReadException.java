package dev.rootcause.collect.cluster;

/**
 * The cluster could not be read: either the input is wrong (a dump that is not kubectl output,
 * {@link #badInput()}), or the cluster did not answer (unreachable, forbidden).
 */
public final class ClusterReadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean badInput;

  public ClusterReadException(String message, boolean badInput) {
    super(message);
    this.badInput = badInput;
  }

  public boolean badInput() {
    return badInput;
  }
}
