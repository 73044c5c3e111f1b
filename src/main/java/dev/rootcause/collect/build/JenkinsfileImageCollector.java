package dev.rootcause.collect.build;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.groovy.GroovyTokens;
import dev.rootcause.collect.groovy.GroovyTokens.Token;
import dev.rootcause.collect.groovy.GroovyTokens.Type;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.k8s.ImageRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads Jenkinsfiles for the images they build. Groovy is not parsed: a tokenizer finds the call
 * forms that matter and {@link ShellAnalysis} reads the shell. Understood: {@code sh '...'}, {@code
 * sh "..."}, triple-quoted and {@code sh(script: ...)} steps; {@code docker.build("name:tag", "-f x
 * .")} and {@code .push()} / {@code .push('tag')} on its result or on {@code docker.image(...)},
 * inside {@code docker.withRegistry(url)}; {@code dir('sub') {}}; literal values in {@code
 * environment {}} blocks, {@code def X = '...'} and {@code string(name:, defaultValue:)}
 * parameters. Groovy interpolation of anything else ({@code ${env.BUILD_NUMBER}}, method calls)
 * keeps the name templated. Shared libraries, {@code load}ed scripts and computed step arguments
 * are not followed.
 */
public final class JenkinsfileImageCollector implements FileCollector {

  @Override
  public boolean accepts(FileKind kind) {
    return kind == FileKind.JENKINSFILE;
  }

  @Override
  public void collect(SourceFile file, String text, Facts facts) {
    if (!RepoFiles.mentionsImageTool(text)) {
      return;
    }
    new Reader(file, text, facts).read();
  }

  private static final class Reader {
    private final SourceFile file;
    private final String text;
    private final Facts facts;
    private final Predicate<String> exists;
    private final List<Token> tokens;
    private final int[] lineStarts;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> opaque = new LinkedHashMap<>();
    private final Map<String, String> imageVars = new HashMap<>();
    private final List<ImageBuild> built = new ArrayList<>();
    private final ShellAnalysis.Memory memory = new ShellAnalysis.Memory();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private Scope pending;
    private int depth;

    /**
     * A {@code dir('x') {}} or {@code docker.withRegistry('url') {}} block, open at {@code depth}.
     */
    private record Scope(int depth, String dir, String registry) {}

    Reader(SourceFile file, String text, Facts facts) {
      this.file = file;
      this.text = text;
      this.facts = facts;
      this.exists = RepoFiles.exists(file, facts);
      this.tokens = GroovyTokens.tokenize(text);
      List<Integer> starts = new ArrayList<>(List.of(0));
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          starts.add(i + 1);
        }
      }
      this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
      env.put("WORKSPACE", String.valueOf(WorkDir.ROOT_MARK));
    }

    void read() {
      for (int k = 0; k < tokens.size(); k++) {
        Token t = tokens.get(k);
        if (t.is("{")) {
          depth++;
          if (pending != null) {
            scopes.push(new Scope(depth, pending.dir(), pending.registry()));
            pending = null;
          }
          continue;
        }
        if (t.is("}")) {
          while (!scopes.isEmpty() && scopes.peek().depth() == depth) {
            scopes.pop();
          }
          depth--;
          continue;
        }
        if (t.type() != Type.IDENT || k > 0 && tokens.get(k - 1).is(".") && !isEnvDot(k)) {
          continue;
        }
        switch (t.text()) {
          case "environment" -> {
            if (at(k + 1).is("{")) {
              k = environment(k + 2);
            }
          }
          case "parameters" -> parameters(k);
          case "sh" -> sh(k);
          case "dir" -> {
            if (at(k + 1).is("(") && at(k + 2).type() == Type.STRING && at(k + 3).is(")")) {
              String outer = currentDir();
              String inner = outer == null ? null : RepoPaths.resolve(outer, shellText(at(k + 2)));
              pending = new Scope(0, inner == null ? "\0" : inner, registry());
            }
          }
          case "docker" -> docker(k);
          case "def" -> {}
          default -> {
            if (at(k + 1).is("=") && !at(k + 2).is("=") && at(k + 2).type() == Type.STRING) {
              env.put(t.text(), groovyValue(at(k + 2)));
            } else if (at(k + 1).is(".")
                && at(k + 2).text().equals("push")
                && at(k + 3).is("(")
                && imageVars.containsKey(t.text())) {
              push(imageVars.get(t.text()), k + 4, t);
            }
          }
        }
      }
    }

    /** {@code env.X = '...'} assigns X; the token after {@code env.} is read like a plain name. */
    private boolean isEnvDot(int k) {
      return k >= 2 && tokens.get(k - 2).is("env") && at(k + 1).is("=");
    }

    private Token at(int k) {
      return k >= 0 && k < tokens.size()
          ? tokens.get(k)
          : new Token(Type.PUNCT, "", text.length(), text.length(), text.length(), false, true);
    }

    /** Reads {@code NAME = 'value'} lines up to the block's closing brace; returns its index. */
    private int environment(int from) {
      int level = 1;
      int k = from;
      for (; k < tokens.size() && level > 0; k++) {
        Token t = tokens.get(k);
        if (t.is("{")) {
          level++;
        } else if (t.is("}")) {
          level--;
        } else if (t.type() == Type.IDENT && at(k + 1).is("=")) {
          Token value = at(k + 2);
          env.put(
              t.text(), value.type() == Type.STRING ? groovyValue(value) : placeholder(t.text()));
        }
      }
      return k - 1;
    }

    /** {@code string(name: 'TAG', defaultValue: 'v1')}: the default is what a plain run uses. */
    private void parameters(int k) {
      if (!at(k + 1).is("{")) {
        return;
      }
      int end = GroovyTokens.closingBrace(text, at(k + 1).start());
      String name = null;
      for (int i = k + 2; i < tokens.size() && tokens.get(i).start() < end; i++) {
        Token t = tokens.get(i);
        if (t.type() == Type.IDENT && at(i + 1).is(":") && at(i + 2).type() == Type.STRING) {
          if (t.text().equals("name")) {
            name = at(i + 2).text();
          } else if (t.text().equals("defaultValue") && name != null) {
            env.put(name, groovyValue(at(i + 2)));
          }
        } else if (t.is(")")) {
          name = null;
        }
      }
    }

    private void sh(int k) {
      int i = k + 1;
      if (at(i).is("(")) {
        i++;
      }
      Token script = null;
      if (at(i).type() == Type.STRING) {
        script = at(i);
      } else {
        for (int j = i; j < i + 16 && j < tokens.size(); j++) {
          if (at(j).is(")") || at(j).is("}")) {
            break;
          }
          if (at(j).is("script") && at(j + 1).is(":") && at(j + 2).type() == Type.STRING) {
            script = at(j + 2);
            break;
          }
        }
      }
      if (script != null) {
        analyze(shellText(script), line(script.contentStart()));
      }
    }

    private void docker(int k) {
      if (!at(k + 1).is(".")) {
        return;
      }
      String method = at(k + 2).text();
      int open = at(k + 3).is("(") ? k + 4 : k + 3;
      Token first = at(open);
      if (first.type() != Type.STRING) {
        return;
      }
      switch (method) {
        case "build" -> {
          String name = shellText(first);
          String args =
              at(open + 1).is(",") && at(open + 2).type() == Type.STRING
                  ? shellText(at(open + 2))
                  : ".";
          int line = line(first.start());
          analyze(
              "docker build -t \"" + name.replace("\"", "") + "\" " + args.replace('\n', ' '),
              line);
          String var =
              k >= 2 && at(k - 1).is("=") && at(k - 2).type() == Type.IDENT
                  ? at(k - 2).text()
                  : null;
          if (var != null) {
            imageVars.put(var, name);
          }
        }
        case "image" -> {
          int after = open + 1;
          if (at(after).is(")")) {
            after++;
          }
          if (at(after).is(".") && at(after + 1).text().equals("push") && at(after + 2).is("(")) {
            push(shellText(first), after + 3, first);
          }
        }
        case "withRegistry" -> pending = new Scope(0, currentDir(), registryHost(shellText(first)));
        default -> {}
      }
    }

    /**
     * {@code img.push()} or {@code img.push('tag')}; inside withRegistry the name gains its host.
     */
    private void push(String name, int argIndex, Token where) {
      String pushed = name;
      if (at(argIndex).type() == Type.STRING) {
        ImageRef ref = ImageRef.parse(name, null);
        pushed =
            (ref.registry() == null ? "" : ref.registry() + "/")
                + ref.repository()
                + ":"
                + shellText(at(argIndex));
      }
      String registry = registry();
      if (registry != null && ImageRef.parse(pushed, null).registry() == null) {
        pushed = registry + "/" + pushed;
      }
      pushed = restore(pushed);
      SourceLocation at = SourceLocation.of(file.path(), line(where.start()));
      String source = restore(name);
      ImageBuild origin =
          built.stream()
              .filter(b -> b.image().raw().equals(source) && b.kind() == ImageBuild.Kind.BUILD)
              .findFirst()
              .orElse(null);
      facts
          .model()
          .imageBuild(
              new ImageBuild(
                  ImageRef.parse(pushed, at),
                  ImageBuild.Kind.PUSH,
                  origin == null ? null : origin.dockerfile(),
                  origin == null ? null : origin.context(),
                  origin == null ? null : origin.target(),
                  at));
    }

    private void analyze(String shell, int firstLine) {
      Map<String, String> variables = new LinkedHashMap<>(env);
      ShellAnalysis.Result result =
          ShellAnalysis.analyze(
              ShellSource.embedded(file.path(), shell, firstLine, currentDir(), variables, opaque),
              exists,
              memory);
      built.addAll(result.builds());
      result.builds().forEach(facts.model()::imageBuild);
      result.problems().forEach(facts::problem);
    }

    /** The innermost {@code dir()} folder, relative to the root; null when it cannot be known. */
    private String currentDir() {
      for (Scope s : scopes) {
        if (s.dir() != null) {
          return s.dir().equals("\0") ? null : s.dir();
        }
      }
      return "";
    }

    private String registry() {
      for (Scope s : scopes) {
        if (s.registry() != null) {
          return s.registry();
        }
      }
      return null;
    }

    private static String registryHost(String url) {
      String host = url.replaceFirst("^[a-z]+://", "");
      int slash = host.indexOf('/');
      host = slash < 0 ? host : host.substring(0, slash);
      return host.isEmpty() || host.equals("index.docker.io") || host.contains("$") ? null : host;
    }

    private int line(int offset) {
      int idx = Arrays.binarySearch(lineStarts, offset);
      return (idx >= 0 ? idx : -idx - 2) + 1;
    }

    /** A string literal as the shell receives it: escapes undone, Groovy interpolation applied. */
    private String shellText(Token literal) {
      String s = literal.text();
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length()) {
          char next = s.charAt(i + 1);
          switch (next) {
            case '\\', '\'', '"', '$' -> {
              out.append(next);
              i++;
            }
            case 'n' -> {
              out.append('\n');
              i++;
            }
            case 't' -> {
              out.append('\t');
              i++;
            }
            default -> out.append(c); // backslash-newline and the like reach the shell as written
          }
        } else if (c == '$' && literal.interpolating() && i + 1 < s.length()) {
          if (s.charAt(i + 1) == '{') {
            int close = GroovyTokens.closingBrace(s, i + 1);
            if (close <= i + 1 || s.charAt(close) != '}') {
              out.append(s.substring(i)); // unterminated ${: the rest reads as written
              break;
            }
            out.append(interpolation(s.substring(i + 2, close), s.substring(i, close + 1)));
            i = close;
          } else if (Character.isJavaIdentifierStart(s.charAt(i + 1))) {
            int end = i + 1;
            while (end < s.length()
                && (Character.isJavaIdentifierPart(s.charAt(end))
                    || s.charAt(end) == '.'
                        && end + 1 < s.length()
                        && Character.isJavaIdentifierStart(s.charAt(end + 1)))) {
              end++;
            }
            out.append(interpolation(s.substring(i + 1, end), s.substring(i, end)));
            i = end - 1;
          } else {
            out.append(c);
          }
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    /** A literal's value for the Groovy side (environment, variables): the same text. */
    private String groovyValue(Token literal) {
      return shellText(literal);
    }

    private String interpolation(String expression, String written) {
      String e = expression.trim().replaceFirst("^(env|params)\\.", "");
      String value = e.matches("[A-Za-z_][A-Za-z0-9_]*") ? env.get(e) : null;
      if (value != null) {
        return value.replace('\n', ' ');
      }
      String placeholder = "${__rc_" + (opaque.size() + 1) + "}";
      opaque.put(placeholder, written);
      return placeholder;
    }

    private String placeholder(String name) {
      String placeholder = "${__rc_" + (opaque.size() + 1) + "}";
      opaque.put(placeholder, "${" + name + "}");
      return placeholder;
    }

    private String restore(String value) {
      String out = value;
      for (Map.Entry<String, String> e : opaque.entrySet()) {
        out = out.replace(e.getKey(), e.getValue());
      }
      return out.replace(String.valueOf(WorkDir.ROOT_MARK), "${WORKSPACE}");
    }
  }
}
