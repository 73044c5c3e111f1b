package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a controller could not create a pod, read from its {@code FailedCreate} event: a quota
 * exceeded or demanding limits, a PodSecurity level violated, a ServiceAccount that does not exist,
 * an admission webhook that refused or failed.
 *
 * @param subject what the message names: the quota, the PodSecurity level, the ServiceAccount; null
 *     when it names none
 * @param detail what the message says after the subject (the resources requested and limited, the
 *     fields violated); null when nothing
 */
public record CreateFailure(Kind kind, String subject, String detail) implements Serializable {
  private static final Pattern QUOTA = Pattern.compile("exceeded quota: ([\\w.-]+),? ?(.*)$");
  private static final Pattern QUOTA_LIMITS =
      Pattern.compile("failed quota: ([\\w.-]+): (must specify .*)$");
  private static final Pattern POD_SECURITY =
      Pattern.compile("violates PodSecurity \"([^\"]+)\": (.*)$");
  private static final Pattern SERVICE_ACCOUNT =
      Pattern.compile("serviceaccount \"([^\"]+)\" not found");
  private static final Pattern WEBHOOK = Pattern.compile("admission webhook \"([^\"]+)\" denied");
  private static final Pattern WEBHOOK_CALL =
      Pattern.compile("failed calling webhook \"([^\"]+)\"");

  /** What refused the pod. */
  public enum Kind {
    QUOTA_EXCEEDED,
    QUOTA_REQUIRES_LIMITS,
    POD_SECURITY,
    SERVICE_ACCOUNT_MISSING,
    WEBHOOK,
    OTHER
  }

  /** The failure this event reports, or null when it is no creation failure. */
  public static CreateFailure of(String reason, String message) {
    if (!"FailedCreate".equals(reason) || message == null) {
      return null;
    }
    String text = message.strip();
    Matcher m;
    if ((m = QUOTA.matcher(text)).find()) {
      return new CreateFailure(Kind.QUOTA_EXCEEDED, m.group(1), blank(m.group(2)));
    }
    if ((m = QUOTA_LIMITS.matcher(text)).find()) {
      return new CreateFailure(Kind.QUOTA_REQUIRES_LIMITS, m.group(1), m.group(2));
    }
    if ((m = POD_SECURITY.matcher(text)).find()) {
      return new CreateFailure(Kind.POD_SECURITY, m.group(1), m.group(2));
    }
    if ((m = SERVICE_ACCOUNT.matcher(text)).find()) {
      return new CreateFailure(Kind.SERVICE_ACCOUNT_MISSING, m.group(1), null);
    }
    if ((m = WEBHOOK.matcher(text)).find() || (m = WEBHOOK_CALL.matcher(text)).find()) {
      return new CreateFailure(Kind.WEBHOOK, m.group(1), null);
    }
    return new CreateFailure(Kind.OTHER, null, null);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
