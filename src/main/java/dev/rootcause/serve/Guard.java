package dev.rootcause.serve;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Every request passes here first: security headers on every response, the token when one is
 * required (a header, or the cookie the login form sets; compared in constant time), the CSRF token
 * on every state-changing request, and, on a loopback server without a token, a Host that names the
 * loopback (a page on another site cannot rebind its own name to it).
 */
final class Guard {
  static final String SESSION_COOKIE = "rootcause_session";
  static final String CSRF_COOKIE = "rootcause_csrf";
  static final String CSRF_FIELD = "_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String TOKEN_HEADER = "X-Rootcause-Token";

  /** Scripts and styles only from the jar; no frames, no plugins, forms only back to us. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CSRF_ATTRIBUTE = "rootcause.csrf";

  private final byte[] tokenDigest;
  private final byte[] sessionDigest;
  private final boolean loopbackOnly;

  /** {@code token} null: no token (loopback only, checked before the server starts). */
  Guard(String token) {
    this.tokenDigest = token == null ? null : sha256("token:" + token);
    this.sessionDigest = token == null ? null : sha256("session:" + token);
    this.loopbackOnly = token == null;
  }

  boolean tokenRequired() {
    return tokenDigest != null;
  }

  /** The before-handler of every request. */
  void check(Context ctx) {
    headers(ctx);
    if (loopbackOnly && !loopbackHost(ctx.host())) {
      throw new ForbiddenResponse(
          "refused: this server answers only to localhost (Host was not a loopback name)");
    }
    String csrf = ensureCsrfCookie(ctx);
    boolean open = ctx.path().startsWith("/static/") || ctx.path().equals("/login");
    if (tokenRequired() && !open && !authenticated(ctx)) {
      if (ctx.path().startsWith("/api/") || ctx.method() != HandlerType.GET) {
        throw new UnauthorizedResponse(
            "refused: this server needs its token (Authorization: Bearer TOKEN, or log in at"
                + " /login)");
      }
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
      ctx.skipRemainingHandlers();
      return;
    }
    if (changesState(ctx) && !csrfMatches(ctx, csrf)) {
      throw new ForbiddenResponse(
          "refused: the form's CSRF token is missing or wrong; reload the page and try again");
    }
  }

  /** The CSRF token the forms of this response carry. */
  static String csrf(Context ctx) {
    return ctx.attribute(CSRF_ATTRIBUTE);
  }

  /** True and a session cookie set when the submitted token is the server's. */
  boolean login(Context ctx, String submitted) {
    if (!tokenRequired()
        || submitted == null
        || !equal(tokenDigest, sha256("token:" + submitted))) {
      return false;
    }
    String value = HexFormat.of().formatHex(sessionDigest);
    cookie(ctx, SESSION_COOKIE, value);
    return true;
  }

  private boolean authenticated(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return equal(tokenDigest, sha256("token:" + auth.substring(7).trim()));
    }
    String header = ctx.header(TOKEN_HEADER);
    if (header != null) {
      return equal(tokenDigest, sha256("token:" + header.trim()));
    }
    String session = ctx.cookie(SESSION_COOKIE);
    if (session != null) {
      // Both sides hashed to the same length first, so the comparison's time says nothing.
      return equal(
          sha256(HexFormat.of().formatHex(sessionDigest)),
          sha256(session.toLowerCase(Locale.ROOT)));
    }
    return false;
  }

  private static boolean changesState(Context ctx) {
    HandlerType m = ctx.method();
    return m != HandlerType.GET && m != HandlerType.HEAD && m != HandlerType.OPTIONS;
  }

  private static boolean csrfMatches(Context ctx, String expected) {
    // A browser names the page a request comes from; another site's page is refused even with
    // a token it somehow learned.
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false;
    }
    String origin = ctx.header("Origin");
    String host = ctx.header("Host");
    if (origin != null) {
      int scheme = origin.indexOf("://");
      if (scheme < 0 || host == null || !origin.substring(scheme + 3).equalsIgnoreCase(host)) {
        return false;
      }
    }
    String given = ctx.header(CSRF_HEADER);
    if (given == null) {
      given = ctx.formParam(CSRF_FIELD);
    }
    return given != null
        && ctx.cookie(CSRF_COOKIE) != null
        && equal(sha256(expected), sha256(given));
  }

  private static String ensureCsrfCookie(Context ctx) {
    String csrf = ctx.cookie(CSRF_COOKIE);
    if (csrf == null || csrf.length() < 32) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      cookie(ctx, CSRF_COOKIE, csrf);
    }
    ctx.attribute(CSRF_ATTRIBUTE, csrf);
    return csrf;
  }

  private static void cookie(Context ctx, String name, String value) {
    ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict");
  }

  /**
   * The policy of the standalone HTML report: its styles are inline (the file must work alone), it
   * carries no script and loads nothing.
   */
  static final String STANDALONE_REPORT_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
          + " form-action 'none'; frame-ancestors 'none'";

  private static void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" on our own
    // form posts, and the origin check below needs the real one.
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }

  /** localhost, 127.0.0.0/8 and ::1, with or without a port. */
  static boolean loopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String name = host;
    if (name.startsWith("[")) {
      int close = name.indexOf(']');
      name = close < 0 ? name : name.substring(1, close);
    } else if (name.indexOf(':') == name.lastIndexOf(':') && name.indexOf(':') >= 0) {
      name = name.substring(0, name.indexOf(':'));
    }
    name = name.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    boolean literal =
        name.indexOf(':') >= 0
            ? name.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
            : name.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    if (!literal) {
      return false;
    }
    try {
      // Only literal addresses get here, so no name is looked up.
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean equal(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
