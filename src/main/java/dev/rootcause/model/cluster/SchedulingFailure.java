package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the scheduler placed a pod on no node, read from its {@code FailedScheduling} event ({@code
 * 0/3 nodes are available: 3 Insufficient memory. preemption: ...}): each reason it gave, with how
 * many nodes said it, and the part of the message that says so.
 *
 * @param nodes how many nodes the scheduler weighed; -1 when the message does not say
 * @param reasons every reason given, in the order given
 * @param quote the message up to the preemption note: what a finding quotes
 */
public record SchedulingFailure(int nodes, List<Reason> reasons, String quote)
    implements Serializable {
  private static final Pattern HEAD = Pattern.compile("^0/(\\d+) nodes are available:\\s*(.*)$");
  private static final Pattern CLAIM =
      Pattern.compile("persistentvolumeclaim \"([^\"]+)\" not found");
  private static final Pattern TAINT = Pattern.compile("taint \\{([^}]*)\\}");
  private static final Pattern COUNT = Pattern.compile("^(\\d+) (.*)$");

  /** One kind of reason the scheduler gives. */
  public enum Kind {
    INSUFFICIENT_CPU,
    INSUFFICIENT_MEMORY,
    NODE_SELECTOR,
    TAINT,
    UNBOUND_CLAIM,
    CLAIM_NOT_FOUND,
    VOLUME_AFFINITY,
    NODE_UNSCHEDULABLE,
    TOO_MANY_PODS,
    OTHER
  }

  /**
   * One reason, with the nodes that gave it.
   *
   * @param nodes how many nodes gave it; -1 for a reason about the pod itself
   * @param subject what it names: the taint, the claim; null when nothing
   */
  public record Reason(Kind kind, int nodes, String subject, String text) implements Serializable {}

  public SchedulingFailure {
    reasons = List.copyOf(reasons);
  }

  /** The failure this event reports, or null when it is no scheduling failure. */
  public static SchedulingFailure of(String reason, String message) {
    if (!"FailedScheduling".equals(reason) || message == null) {
      return null;
    }
    String text = message.strip();
    int preemption = text.indexOf(" preemption:");
    String quote = preemption < 0 ? text : text.substring(0, preemption).strip();
    Matcher head = HEAD.matcher(quote);
    int nodes = -1;
    String body = quote;
    if (head.matches()) {
      nodes = Integer.parseInt(head.group(1));
      body = head.group(2);
    }
    if (body.endsWith(".")) {
      body = body.substring(0, body.length() - 1);
    }
    List<Reason> reasons = new ArrayList<>();
    for (String part : parts(body)) {
      reasons.add(reason(part.strip()));
    }
    return new SchedulingFailure(nodes, reasons, quote);
  }

  /** Reasons are comma separated, but a taint's braces may hold a comma of their own. */
  private static List<String> parts(String body) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(body.substring(start, i));
        start = i + 1;
      }
    }
    out.add(body.substring(start));
    return out.stream().filter(s -> !s.isBlank()).toList();
  }

  private static Reason reason(String part) {
    int count = -1;
    String text = part;
    Matcher m = COUNT.matcher(part);
    if (m.matches()) {
      count = Integer.parseInt(m.group(1));
      text = m.group(2);
    }
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    Matcher claim = CLAIM.matcher(text);
    Matcher taint = TAINT.matcher(text);
    Kind kind;
    String subject = null;
    if (lower.startsWith("insufficient cpu")) {
      kind = Kind.INSUFFICIENT_CPU;
    } else if (lower.startsWith("insufficient memory")) {
      kind = Kind.INSUFFICIENT_MEMORY;
    } else if (lower.contains("node affinity/selector") || lower.contains("node selector")) {
      kind = Kind.NODE_SELECTOR;
    } else if (lower.contains("taint")) {
      kind = Kind.TAINT;
      subject = taint.find() ? taint.group(1).strip() : null;
    } else if (lower.contains("unbound immediate persistentvolumeclaims")
        || lower.contains("unbound persistentvolumeclaims")) {
      kind = Kind.UNBOUND_CLAIM;
    } else if (claim.find()) {
      kind = Kind.CLAIM_NOT_FOUND;
      subject = claim.group(1);
    } else if (lower.contains("volume node affinity conflict")) {
      kind = Kind.VOLUME_AFFINITY;
    } else if (lower.contains("were unschedulable") || lower.contains("was unschedulable")) {
      kind = Kind.NODE_UNSCHEDULABLE;
    } else if (lower.startsWith("too many pods")) {
      kind = Kind.TOO_MANY_PODS;
    } else {
      kind = Kind.OTHER;
    }
    return new Reason(kind, count, subject, part);
  }

  /** Whether any reason is of that kind. */
  public boolean has(Kind kind) {
    return reasons.stream().anyMatch(r -> r.kind() == kind);
  }
}
