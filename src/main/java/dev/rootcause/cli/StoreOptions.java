package dev.rootcause.cli;

import picocli.CommandLine.Option;

/** {@code --store}: where incidents and SLOs are kept, shared by every command that uses them. */
final class StoreOptions {
  @Option(
      names = "--store",
      paramLabel = "PATH|JDBC-URL",
      description =
          "The incident store: an SQLite file or a JDBC URL. Default: $ROOTCAUSE_STORE,"
              + " else ~/.local/share/rootcause/rootcause.db.")
  String store;
}
