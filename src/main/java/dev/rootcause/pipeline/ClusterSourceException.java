package dev.rootcause.pipeline;

/**
 * The cluster {@code verify} was asked to check could not be read: the input is wrong (a dump that
 * is not kubectl output, a kubeconfig that does not load: {@link #badInput()}), or the cluster did
 * not answer (unreachable, forbidden), which leaves the verdict incomplete.
 */
public final class ClusterSourceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean badInput;

  public ClusterSourceException(String message, boolean badInput) {
    super(message);
    this.badInput = badInput;
  }

  public boolean badInput() {
    return badInput;
  }
}
