package dev.rootcause.model.cluster;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the start-up failure a log line proves, as {@link LogLevels} reads its level: the wording
 * of Node.js, Python, Go, the JVM and the shells, so a rule asks {@code line.cause()}.
 */
public final class LogCauses {
  /**
   * One kind of failure: its pattern, and words (lower case) of which every match holds one, so the
   * pattern runs only on lines that may match: most lines of a log are requests served.
   */
  private record Signature(
      LogCause.Kind kind, Pattern pattern, List<String> hints, String fixedSubject) {
    boolean mayMatch(String lowerCase) {
      for (String hint : hints) {
        if (lowerCase.contains(hint)) {
          return true;
        }
      }
      return false;
    }
  }

  // Order matters: "ENOENT ... no such file" before a generic "not found".
  private static final List<Signature> PATTERNS =
      List.of(
          p(
              LogCause.Kind.EXECUTABLE_NOT_FOUND,
              List.of("not found", "no such file"),
              "exec: \"([^\"]+)\": executable file not found"
                  + "|exec: \"([^\"]+)\": stat .{1,400}?: no such file or directory"
                  + "|exec (\\S+): no such file or directory"
                  + "|(?:/bin/sh|sh|bash): (?:\\d+: )?(?:line \\d+: )?([^:\\s]+): (?:command )?not found"),
          p(
              LogCause.Kind.WRONG_PLATFORM,
              List.of("exec format error"),
              "exec (\\S+): exec format error|exec: \"([^\"]+)\": exec format error"
                  + "|exec user process caused:? \"?exec format error"),
          p(
              LogCause.Kind.MISSING_ENV,
              List.of(
                  "missing",
                  "required",
                  "undefined",
                  "not set",
                  "must be set",
                  "keyerror",
                  "could not resolve placeholder"),
              "Could not resolve placeholder '([A-Z][A-Z0-9_]{2,})'"
                  + "|(?i:missing|required|undefined|not set)[^\"'`]{0,40}?(?i:env(?:ironment)?"
                  + "(?: variable)?|config)[^A-Z_]{0,12}[\"'`]?([A-Z][A-Z0-9_]{2,})\\b"
                  + "|\\b([A-Z][A-Z0-9_]{2,})[\"'`]? (?:env(?:ironment)? variable )?(?:is )?(?:not set|is"
                  + " required|must be set|is missing|is undefined)"
                  + "|KeyError: '([A-Z][A-Z0-9_]{2,})'"),
          p(
              LogCause.Kind.MISSING_SETTING,
              List.of("could not resolve placeholder", "config property", "datasource"),
              "Could not resolve placeholder '([^']+)'"
                  + "|The config property ([\\w.\\[\\]-]+) is required but it could not be found"),
          s(
              LogCause.Kind.MISSING_SETTING,
              List.of("datasource"),
              "Failed to configure a DataSource: 'url' attribute is not specified",
              "spring.datasource.url"),
          p(
              LogCause.Kind.MODULE_NOT_FOUND,
              List.of(
                  "cannot find module",
                  "no module named",
                  "cannot find package",
                  "classnotfoundexception",
                  "could not import module",
                  "was not found"),
              "Cannot find module '([^']+)'|ModuleNotFoundError: No module named '([^']+)'"
                  + "|ImportError: No module named '?([\\w.]+)'?"
                  + "|cannot find package \"([^\"]+)\"|ClassNotFoundException: ([\\w.$]+)"
                  + "|Error loading ASGI app\\. Could not import module \"([^\"]+)\""
                  + "|Unable to load celery application\\.\\s+The module ([\\w.]+) was not found"),
          p(
              LogCause.Kind.ADDRESS_IN_USE,
              List.of("address already in use", "was already in use"),
              "EADDRINUSE:? address already in use:? ?(\\S*)|bind: address already in use"
                  + "|Port (\\d+) was already in use"
                  + "|listen tcp (\\S+): bind: address already in use|Address already in use"),
          p(
              LogCause.Kind.PERMISSION_DENIED,
              List.of("permission denied"),
              "exec:? \"?([^\"\\s:]+)\"?: permission denied|EACCES: permission denied,? ?(?:\\w+ )?'?([^'\\s]*)'?"
                  + "|PermissionError: \\[Errno 13\\] Permission denied: '([^']+)'"
                  + "|open (\\S+): permission denied|(\\S+): Permission denied"),
          p(
              LogCause.Kind.FILE_NOT_FOUND,
              List.of("no such file", "filenotfoundexception"),
              "ENOENT: no such file or directory,? ?(?:\\w+ )?'([^']+)'"
                  + "|FileNotFoundError: \\[Errno 2\\] No such file or directory: '([^']+)'"
                  + "|open (\\S+): no such file or directory|java\\.io\\.FileNotFoundException: (\\S+)"),
          p(
              LogCause.Kind.HOST_NOT_FOUND,
              List.of(
                  "getaddrinfo",
                  "no such host",
                  "lookup ",
                  "name resolution",
                  "name or service not known",
                  "unknownhostexception",
                  "could not translate host name"),
              "getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([\\w.-]+)|dial tcp: lookup ([\\w.-]+)"
                  + "(?: on [^:]+:\\d+)?: (?:no such host|i/o timeout|server misbehaving)"
                  + "|host='([\\w.-]+)', port=\\d+\\).{0,300}?(?:Name or service not known"
                  + "|nodename nor servname|Temporary failure in name resolution)"
                  + "|lookup ([\\w.-]+)"
                  + "(?: on [^:]+:\\d+)?: no such host|Name or service not known|UnknownHostException: ([\\w.-]+)"
                  + "|could not translate host name \"([^\"]+)\""),
          p(
              LogCause.Kind.CONNECTION_REFUSED,
              List.of("econnrefused", "connection refused", "connection to "),
              "connect ECONNREFUSED (\\S+)|dial tcp (\\S+): connect: connection refused"
                  + "|Connection to ([\\w.-]+:\\d+) refused"
                  + "|host='([\\w.-]+)', port=\\d+\\).{0,300}?Connection refused"
                  + "|Connection refused|ConnectException: Connection refused"),
          p(
              LogCause.Kind.CONNECTION_TIMEOUT,
              List.of("etimedout", "i/o timeout", "timed out", "connecttimeout"),
              "connect ETIMEDOUT (\\S+)|dial tcp ([\\w.:-]+): (?:i/o timeout|connect: connection timed"
                  + " out)|host='([\\w.-]+)', port=\\d+\\).{0,300}?(?:ConnectTimeout|timed out)"
                  + "|SocketTimeoutException: [Cc]onnect timed out"),
          p(
              LogCause.Kind.UNHANDLED_ERROR,
              List.of("panic", "exception in thread \"main\""),
              "^panic: (.{1,160})|thread 'main' panicked at (.{1,160})"
                  + "|^Exception in thread \"main\" ([\\w.$]+(?:: .{1,120})?)"));

  private LogCauses() {}

  private static Signature p(LogCause.Kind kind, List<String> hints, String regex) {
    return new Signature(kind, Pattern.compile(regex), hints, null);
  }

  /** A signature whose text names no subject, the subject it implies. */
  private static Signature s(LogCause.Kind kind, List<String> hints, String regex, String subject) {
    return new Signature(kind, Pattern.compile(regex), hints, subject);
  }

  /** The failure the line proves, or null when it proves none. */
  public static LogCause classify(String line) {
    return line == null ? null : classify(line, JsonLogRecord.parse(line));
  }

  /** As {@link #classify(String)}, with the line's JSON record already decoded (or null). */
  static LogCause classify(String line, JsonLogRecord json) {
    if (line == null) {
      return null;
    }
    if (json != null) {
      line = json.text(); // the message and error fields, unescaped; each field bounded
    } else if (line.length() > 4_096) {
      return null; // a huge line is data, not a start-up message; and regexes stay bounded
    }
    String lowerCase = line.toLowerCase(Locale.ROOT);
    for (Signature p : PATTERNS) {
      if (!p.mayMatch(lowerCase)) {
        continue;
      }
      Matcher m = p.pattern().matcher(line);
      if (m.find()) {
        String subject = subject(m);
        return new LogCause(p.kind(), subject == null ? p.fixedSubject() : subject);
      }
    }
    return null;
  }

  private static String subject(Matcher m) {
    for (int g = 1; g <= m.groupCount(); g++) {
      String s = m.group(g);
      if (s != null && !s.isEmpty()) {
        return s;
      }
    }
    return null;
  }
}
