package dev.rootcause.collect.code;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.code.js.JavaScriptExtractor;
import dev.rootcause.collect.code.python.PythonExtractor;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.rules.app.HazardText;
import java.nio.file.Path;
import java.util.List;

/** Runs the built-in extractors on source text, for tests. */
public final class Extract {
  private Extract() {}

  public static LanguageExtractor.Result read(String path, String text) {
    FileKind kind = FileKind.of(path);
    SourceFile file = new SourceFile(Path.of(path), path, kind, text.length());
    LanguageExtractor extractor =
        kind == FileKind.PYTHON ? new PythonExtractor() : new JavaScriptExtractor();
    return extractor.read(file, text);
  }

  public static SourceFacts facts(String path, String text) {
    return read(path, text).facts();
  }

  /** The hazards of one kind, as "route | what the rule says of it @line". */
  public static List<String> hazards(SourceFacts facts, Hazard.Kind kind) {
    return facts.hazards().stream()
        .filter(h -> h.kind() == kind)
        .map(h -> h.route() + " | " + HazardText.describe(h) + " @" + h.location().line())
        .toList();
  }

  public static List<String> routes(SourceFacts facts) {
    return facts.routes().stream()
        .map(r -> r.method() + " " + r.path() + " " + r.statuses())
        .toList();
  }

  public static List<String> envs(SourceFacts facts) {
    return facts.envReads().stream()
        .map(
            e ->
                e.name()
                    + (e.required() ? " required" : "")
                    + (e.defaultValue() == null ? "" : " =" + e.defaultValue()))
        .toList();
  }

  public static List<String> listens(SourceFacts facts) {
    return facts.listens().stream()
        .map(
            l ->
                l.port()
                    + (l.envVar() == null ? "" : " $" + l.envVar())
                    + (l.host() == null ? "" : " on " + l.host()))
        .toList();
  }

  public static List<String> calls(SourceFacts facts) {
    return facts.outboundCalls().stream()
        .map(
            c ->
                (c.envVar() == null ? "" : "$" + c.envVar() + " ")
                    + c.url()
                    + (c.hasTimeout() ? "" : " NO-TIMEOUT"))
        .toList();
  }
}
