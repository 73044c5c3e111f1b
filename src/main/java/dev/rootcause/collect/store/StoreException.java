package dev.rootcause.collect.store;

/** The store cannot be used as asked (not a database, a newer schema, unreachable): one line. */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
