package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.io.Serializable;
import java.util.List;

/**
 * One simple command of a {@code RUN}, {@code CMD} or {@code ENTRYPOINT}, as the shell would run
 * it: its words with quotes removed and known variables substituted ({@code $TAG} stays as written
 * when unknown), the files its output is redirected to, and where it is written. {@code opaque}
 * commands sit inside a construct that may run them any number of times or not at all (a branch, a
 * loop, a subshell, a function) or take words from a command substitution.
 */
public record ShellCommand(
    List<String> words, List<String> writes, boolean opaque, SourceLocation location)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ShellCommand {
    words = List.copyOf(words);
    writes = List.copyOf(writes);
  }

  /** The program as written: the first word after {@code exec}. */
  public String name() {
    int i = start();
    return i < words.size() ? words.get(i) : "";
  }

  /** The program without its folder: {@code go} for {@code /usr/local/go/bin/go}. */
  public String program() {
    return ContainerPaths.fileName(name());
  }

  /** The words after the program. */
  public List<String> args() {
    int i = start();
    return i < words.size() ? words.subList(i + 1, words.size()) : List.of();
  }

  private int start() {
    int i = 0;
    while (i < words.size() && words.get(i).equals("exec")) {
      i++;
    }
    return i;
  }
}
