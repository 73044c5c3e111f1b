package dev.rootcause.cli;

import dev.rootcause.pipeline.InputException;
import dev.rootcause.report.Format;
import dev.rootcause.report.RenderOptions;
import dev.rootcause.report.Renderer;
import dev.rootcause.report.Renderers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The report options of every command that writes one: repeatable {@code --format} and {@code
 * --output} paired in order, at most one report on standard output, every file checked writable
 * before any work, and colour only for a terminal.
 */
final class OutputOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      completionCandidates = AllFormats.class,
      description =
          "Output format: ${COMPLETION-CANDIDATES}. Default: text. Repeat it to write"
              + " several reports in one run.")
  List<Format> formats = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the report to FILE ('-': standard output). The first --output receives"
              + " the first --format, and so on; a --format without one goes to standard output.")
  List<String> outputs = new ArrayList<>();

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description =
          "Colour the text report: auto (only on a terminal, and not when NO_COLOR is"
              + " set), always, never. Default: ${DEFAULT-VALUE}.")
  ColorWhen color;

  private List<Target> targets;

  /** When to colour the text report. */
  enum ColorWhen {
    AUTO,
    ALWAYS,
    NEVER
  }

  /** One report to write: its format, and its file ({@code null}: standard output). */
  record Target(Format format, Path file) {}

  /**
   * Pairs formats with outputs in order and checks that every file can be written, once: {@code
   * Main} calls it before the command runs, so a typo in a path costs nothing.
   */
  List<Target> targets() throws InputException {
    if (targets == null) {
      List<Target> paired = pair();
      for (Target t : paired) {
        checkWritable(t.file());
      }
      targets = paired;
    }
    return targets;
  }

  /** Whether a text report goes to standard output, where it lists what was not read. */
  boolean textOnStdout() throws InputException {
    return targets().stream().anyMatch(t -> t.file() == null && t.format() == Format.TEXT);
  }

  /** Renders {@code result} into every requested report. */
  <T> void write(Renderers<T> renderers, T result, RenderOptions options)
      throws IOException, InputException {
    for (Target t : targets()) {
      if (t.file() == null) {
        PrintWriter out = command.commandLine().getOut();
        renderers.renderer(t.format(), options.withColor(useColor())).render(result, out);
        out.flush();
        continue;
      }
      Renderer<T> renderer = renderers.renderer(t.format(), options.withColor(false));
      try (Writer w = Files.newBufferedWriter(t.file(), StandardCharsets.UTF_8)) {
        renderer.render(result, w);
      } catch (IOException e) {
        throw new InputException(t.file() + ": cannot write the report: " + reason(e));
      }
    }
  }

  private List<Target> pair() {
    List<Format> wanted = formats.isEmpty() ? List.of(Format.TEXT) : formats;
    if (outputs.size() > wanted.size()) {
      throw new CommandLine.ParameterException(
          command.commandLine(),
          "--output: "
              + outputs.size()
              + " given for "
              + wanted.size()
              + " --format; each --output goes with one --format");
    }
    List<Target> paired = new ArrayList<>();
    Set<Path> files = new HashSet<>();
    for (int i = 0; i < wanted.size(); i++) {
      String out = i < outputs.size() ? outputs.get(i) : "-";
      Path file = out.equals("-") ? null : Path.of(out);
      if (file != null && !files.add(file.toAbsolutePath().normalize())) {
        throw new CommandLine.ParameterException(
            command.commandLine(), "--output: " + out + " is given twice");
      }
      paired.add(new Target(wanted.get(i), file));
    }
    if (paired.stream().filter(t -> t.file() == null).count() > 1) {
      throw new CommandLine.ParameterException(
          command.commandLine(),
          "--format: only one report can"
              + " go to standard output; give the others an --output FILE");
    }
    return paired;
  }

  /** Fails before the work, not after it, when a report could not be written. */
  private static void checkWritable(Path file) throws InputException {
    if (file == null) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw new InputException(file + ": cannot write the report: it is a folder");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InputException(
          file + ": cannot write the report: folder " + parent + " does not exist");
    }
    if (Files.exists(file)
        ? !Files.isWritable(file)
        : parent != null && !Files.isWritable(parent)) {
      throw new InputException(file + ": cannot write the report: permission denied");
    }
  }

  private static String reason(IOException e) {
    return switch (e) {
      case AccessDeniedException denied -> "permission denied";
      case NoSuchFileException missing -> "its folder does not exist";
      default -> String.valueOf(e.getMessage());
    };
  }

  private boolean useColor() {
    return useColor(color, Terminal.attached(), System.getenv("NO_COLOR"));
  }

  /** {@code auto} colours a terminal unless {@code NO_COLOR} is set to anything (no-color.org). */
  static boolean useColor(ColorWhen when, boolean terminal, String noColor) {
    return switch (when) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> terminal && (noColor == null || noColor.isEmpty());
    };
  }

  /**
   * Narrows {@code --format} of {@code command} to the formats its result has: the help lists them,
   * and any other is a usage error naming them. Options keep their order in the help.
   */
  static void offer(CommandSpec command, Renderers<?> renderers) {
    OptionSpec declared = command.findOption("--format");
    List<String> labels = renderers.formats().stream().map(Format::label).toList();
    OptionSpec narrowed =
        declared.toBuilder()
            .completionCandidates(labels)
            .converters(text -> parse(text, command.name(), renderers))
            .build();
    List<OptionSpec> options = List.copyOf(command.options());
    options.forEach(command::remove);
    options.forEach(o -> command.addOption(o == declared ? narrowed : o));
  }

  private static Format parse(String text, String commandName, Renderers<?> renderers) {
    for (Format f : renderers.formats()) {
      if (f.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new CommandLine.TypeConversionException(
        "'" + text + "': " + commandName + " writes " + renderers.labels());
  }

  /** Every format's name as users type it. */
  static final class AllFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Format.values()).map(Format::label).iterator();
    }
  }
}
