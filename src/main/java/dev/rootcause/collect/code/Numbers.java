package dev.rootcause.collect.code;

/** Whole numbers written in code or config: ports and HTTP statuses in their ranges, else null. */
public final class Numbers {
  private Numbers() {}

  /** The number the text spells exactly, or null. */
  public static Integer integer(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A TCP port, 1 to 65535. */
  public static Integer port(String text) {
    Integer port = integer(text);
    return port != null && port > 0 && port < 65536 ? port : null;
  }

  /** An HTTP status, 100 to 599. */
  public static Integer status(String text) {
    Integer code = integer(text);
    return code != null && isStatus(code) ? code : null;
  }

  public static boolean isStatus(int code) {
    return code >= 100 && code < 600;
  }
}
