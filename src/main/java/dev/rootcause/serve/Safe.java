package dev.rootcause.serve;

import dev.rootcause.report.Redaction;

/** Text from the store on its way to a page: secrets masked (the templates escape the rest). */
final class Safe {
  private Safe() {}

  static String text(String s) {
    return s == null ? "" : Redaction.redact(s);
  }
}
