package dev.rootcause.collect.pipeline;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.groovy.GroovyTokens;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Jenkinsfile (declarative or scripted) into a {@link Pipeline}: its {@code stage(...)}
 * blocks, the shell of their {@code sh}/{@code bat}/{@code powershell} steps, and the steps of
 * {@code post { failure { ... } }}. Groovy is not parsed in full: a tokenizer that understands
 * strings, comments and braces is enough to find these calls without being fooled by their text.
 */
public final class JenkinsfileCollector implements FileCollector {

  @Override
  public boolean accepts(FileKind kind) {
    return kind == FileKind.JENKINSFILE;
  }

  @Override
  public void collect(SourceFile file, String text, Facts facts) {
    List<GroovyTokens.Token> tokens = GroovyTokens.tokenize(text);
    Lines lines = new Lines(text);
    for (GroovyTokens.Token tok : tokens) {
      if (!tok.closed()) {
        facts.problem(
            CollectionProblem.skipped(
                SourceLocation.file(file.path()),
                "unterminated string starting at line " + lines.at(tok.start())));
        return;
      }
    }
    List<Pipeline.Stage> stages = new ArrayList<>();
    new Walker(file.path(), tokens, lines, stages).walk(0, tokens.size(), null);
    if (!stages.isEmpty()) {
      facts
          .model()
          .pipeline(
              new Pipeline(
                  file.path(),
                  "Jenkins",
                  stages,
                  DockerRuns.in(stages),
                  HttpChecks.in(stages),
                  PortForwards.in(stages)));
    }
  }

  /** Walks the token list, collecting stages and their shell steps. */
  private static final class Walker {
    private final String path;
    private final List<GroovyTokens.Token> t;
    private final Lines lines;
    private final List<Pipeline.Stage> stages;

    Walker(String path, List<GroovyTokens.Token> tokens, Lines lines, List<Pipeline.Stage> stages) {
      this.path = path;
      this.t = tokens;
      this.lines = lines;
      this.stages = stages;
    }

    /** Scans [from, to); {@code steps}/{@code onFailure} collect into the enclosing stage. */
    void walk(int from, int to, StageBuilder current) {
      for (int i = from; i < to; i++) {
        GroovyTokens.Token tok = t.get(i);
        if (!tok.isIdent()) {
          continue;
        }
        switch (tok.text()) {
          case "stage" -> {
            int nameAt = i + 1 < to && t.get(i + 1).is("(") ? i + 2 : -1;
            int open = nameAt < 0 ? -1 : indexOf("{", nameAt, to);
            if (open < 0 || !t.get(nameAt).isString()) {
              continue;
            }
            int close = matching(open, to);
            StageBuilder stage =
                new StageBuilder(
                    t.get(nameAt).text(), new SourceLocation(path, lines.at(tok.start()), 0));
            walk(open + 1, close, stage);
            stages.add(stage.build());
            i = close;
          }
          case "post" -> {
            int open = i + 1 < to && t.get(i + 1).is("{") ? i + 1 : -1;
            if (open < 0) {
              continue;
            }
            int close = matching(open, to);
            StageBuilder target =
                current != null
                    ? current
                    : new StageBuilder("post", new SourceLocation(path, lines.at(tok.start()), 0));
            for (int j = open + 1; j < close; j++) {
              GroovyTokens.Token cond = t.get(j);
              if (cond.isIdent() && j + 1 < close && t.get(j + 1).is("{")) {
                int end = matching(j + 1, close);
                boolean failure =
                    switch (cond.text()) {
                      case "failure", "unsuccessful", "unstable", "aborted", "regression" -> true;
                      default -> false;
                    };
                StageBuilder sink = failure ? target.failureSink() : target;
                walk(j + 2, end, sink);
                j = end;
              }
            }
            if (current == null && !target.isEmpty()) {
              stages.add(target.build());
            }
            i = close;
          }
          case "sh", "bat", "powershell", "pwsh" -> {
            if (current == null) {
              continue;
            }
            int end = Math.min(to, i + 12);
            for (int j = i + 1; j < end; j++) {
              GroovyTokens.Token arg = t.get(j);
              if (arg.isString()
                  && (j == i + 1
                      || t.get(j - 1).is("(")
                      || t.get(j - 1).is(":") && t.get(j - 2).text().equals("script"))) {
                current.add(ShellLines.steps(path, arg.text(), lines.at(arg.contentStart())));
                i = j;
                break;
              }
              if (arg.is("{") || arg.is("}")) {
                break;
              }
            }
          }
          default -> {}
        }
      }
    }

    private int indexOf(String symbol, int from, int to) {
      for (int i = from; i < to && i < from + 8; i++) {
        if (t.get(i).is(symbol)) {
          return i;
        }
      }
      return -1;
    }

    private int matching(int open, int to) {
      int depth = 0;
      for (int i = open; i < to; i++) {
        if (t.get(i).is("{")) {
          depth++;
        } else if (t.get(i).is("}") && --depth == 0) {
          return i;
        }
      }
      return to; // unbalanced: the rest of the file
    }
  }

  /** Line numbers of offsets in the file. */
  private static final class Lines {
    private final int[] starts;

    Lines(String text) {
      List<Integer> s = new ArrayList<>();
      s.add(0);
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          s.add(i + 1);
        }
      }
      starts = s.stream().mapToInt(Integer::intValue).toArray();
    }

    int at(int offset) {
      int i = java.util.Arrays.binarySearch(starts, offset);
      return (i >= 0 ? i : -i - 2) + 1;
    }
  }

  /** Accumulates one stage's steps and failure steps. */
  private static final class StageBuilder {
    private final String name;
    private final SourceLocation location;
    private final List<Pipeline.Step> steps = new ArrayList<>();
    private final List<Pipeline.Step> onFailure = new ArrayList<>();
    private final boolean failureOnly;
    private final StageBuilder owner;

    StageBuilder(String name, SourceLocation location) {
      this(name, location, false, null);
    }

    private StageBuilder(
        String name, SourceLocation location, boolean failureOnly, StageBuilder owner) {
      this.name = name;
      this.location = location;
      this.failureOnly = failureOnly;
      this.owner = owner;
    }

    StageBuilder failureSink() {
      return new StageBuilder(name, location, true, this);
    }

    void add(List<Pipeline.Step> more) {
      if (failureOnly) {
        owner.onFailure.addAll(more);
      } else {
        steps.addAll(more);
      }
    }

    boolean isEmpty() {
      return steps.isEmpty() && onFailure.isEmpty();
    }

    Pipeline.Stage build() {
      return new Pipeline.Stage(name, location, steps, onFailure);
    }
  }
}
