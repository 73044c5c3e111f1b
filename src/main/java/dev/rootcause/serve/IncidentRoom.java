package dev.rootcause.serve;

import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Status;
import dev.rootcause.pipeline.IncidentCache;
import dev.rootcause.pipeline.Incidents;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Postmortems;
import dev.rootcause.report.incident.IncidentJson;
import dev.rootcause.serve.Views.Chrome;
import dev.rootcause.serve.Views.Login;
import dev.rootcause.serve.Views.Problem;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * The incident room: a small web server over the incident use cases. Pages at {@code /}, {@code
 * /incidents/{id}}, its postmortem, {@code /services} and {@code /rules}; JSON under {@code /api/};
 * every request through the {@link Guard}.
 */
public final class IncidentRoom implements AutoCloseable {
  private final Javalin app;
  private final String url;
  private final IncidentCache cache;

  private IncidentRoom(Javalin app, String url, IncidentCache cache) {
    this.app = app;
    this.url = url;
    this.cache = cache;
  }

  /**
   * Checks the settings and the store, then listens; a non-loopback address without a token, a
   * short token, a bad store or a port in use are refused with one line before anything listens.
   */
  public static IncidentRoom start(ServeSettings settings) throws InputException {
    checkExposure(settings);
    Incidents incidents = new Incidents(settings.store(), settings.clock());
    // Opened and read now: a store that cannot be read is said now, not on the first page.
    IncidentCache cache = IncidentCache.open(settings.store(), settings.clock());
    Runs runs =
        new Runs(
            settings.allowRun().stream().map(Object::toString).toList(),
            settings.allowUrls(),
            settings.store(),
            settings.clock());
    Pages pages =
        new Pages(
            cache,
            new Postmortems(settings.store(), settings.clock()),
            settings.rules(),
            runs.targets());
    Routes routes = new Routes(incidents, pages, runs, new Guard(settings.token()));
    Javalin app = Javalin.create(routes::configure);
    try {
      app.start(settings.bind(), settings.port());
    } catch (RuntimeException e) {
      app.stop();
      cache.close();
      if (causedBy(e, BindException.class)) {
        throw new InputException(
            "cannot listen on "
                + settings.bind()
                + ":"
                + settings.port()
                + " (in use, or not an address of this machine); give another --port or --bind");
      }
      throw e;
    }
    String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
    return new IncidentRoom(app, "http://" + host + ":" + app.port() + "/", cache);
  }

  private static void checkExposure(ServeSettings s) throws InputException {
    if (s.port() < 0 || s.port() > 65_535) {
      throw new InputException(
          "--port " + s.port() + " is not a port (0-65535; 0 picks a free one)");
    }
    if (s.token() != null && s.token().length() < ServeSettings.MIN_TOKEN_LENGTH) {
      throw new InputException(
          "the token is shorter than "
              + ServeSettings.MIN_TOKEN_LENGTH
              + " characters; make a long random one (openssl rand -hex 32 > token)");
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(s.bind()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new InputException("--bind " + s.bind() + " is not an address of this machine");
    }
    if (!loopback && s.token() == null) {
      throw new InputException(
          "--bind "
              + s.bind()
              + " is reachable from other machines: give --token-file FILE (or --token) so every"
              + " request must carry it, or bind 127.0.0.1");
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  public int port() {
    return app.port();
  }

  /** Where it listens, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    return url;
  }

  @Override
  public void close() {
    app.stop();
    cache.close();
  }

  /** The routes and their handlers: each reads its parameters, calls a use case, renders. */
  private static final class Routes {
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Incidents incidents;
    private final Pages pages;
    private final Runs runs;
    private final Guard guard;

    Routes(Incidents incidents, Pages pages, Runs runs, Guard guard) {
      this.incidents = incidents;
      this.pages = pages;
      this.runs = runs;
      this.guard = guard;
    }

    void configure(JavalinConfig config) {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = 1_000_000;
      config.staticFiles.add(
          files -> {
            files.hostedPath = "/static";
            files.directory = "/serve/static";
            files.location = Location.CLASSPATH;
          });
      var r = config.routes;
      r.before(guard::check);
      r.get("/", this::list);
      r.get("/incidents/{id}", this::incident);
      r.get("/incidents/{id}/live", this::live);
      r.get("/incidents/{id}/postmortem", this::postmortem);
      r.get("/incidents/{id}/postmortem.html", this::postmortemFile);
      r.post("/incidents/{id}/notes", this::note);
      r.post("/incidents/{id}/status", this::status);
      r.post("/incidents/{id}/runs", this::run);
      r.get("/services", ctx -> render(ctx, "services.jte", pages.services(), "services"));
      r.get("/rules", ctx -> render(ctx, "rules.jte", pages.rules(), "rules"));
      r.get("/rules/{layer}/{name}", this::rule);
      r.get("/login", ctx -> render(ctx, "login.jte", new Login(null), ""));
      r.post("/login", this::login);
      r.get("/api/incidents", this::apiIncidents);
      r.get("/api/incidents/{id}", ctx -> json(ctx, IncidentJson.incident(shown(ctx))));
      r.get("/api/budgets", ctx -> json(ctx, IncidentJson.budgets(budgets())));
      r.exception(InputException.class, this::problem);
      r.exception(
          HttpResponseException.class,
          (e, ctx) ->
              ctx.status(e.getStatus())
                  .contentType("text/plain; charset=utf-8")
                  .result(e.getMessage() + "\n"));
      r.error(
          404,
          ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
              notFound(ctx);
            }
          });
    }

    private void list(Context ctx) throws InputException {
      render(
          ctx,
          "incidents.jte",
          pages.list(ctx.queryParam("service"), ctx.queryParam("status"), number(ctx, "page")),
          "incidents");
    }

    private void incident(Context ctx) throws InputException {
      render(
          ctx,
          "incident.jte",
          pages.incident(ctx.pathParam("id"), number(ctx, "page")),
          "incidents");
    }

    private void live(Context ctx) throws InputException {
      String id = ctx.pathParam("id");
      String since = ctx.queryParam("since");
      if (since != null && since.equals(pages.revision(id))) {
        ctx.status(HttpStatus.NO_CONTENT);
        return;
      }
      render(ctx, "live.jte", pages.live(id, number(ctx, "page")), "incidents");
    }

    private void postmortem(Context ctx) throws InputException {
      render(ctx, "postmortem.jte", pages.postmortem(ctx.pathParam("id")), "incidents");
    }

    /**
     * The file {@code rootcause report ID --format html} writes, byte for byte: its charts and
     * layout are inline CSS and SVG, so this one response allows inline style, and still no script.
     */
    private void postmortemFile(Context ctx) throws InputException {
      String html = pages.postmortemFile(ctx.pathParam("id"));
      ctx.header("Content-Security-Policy", Guard.STANDALONE_REPORT_POLICY);
      ctx.contentType("text/html; charset=utf-8").result(html);
    }

    private void note(Context ctx) throws InputException {
      String id = ctx.pathParam("id");
      String text = ctx.formParam("text");
      incidents.note(
          id, text == null ? "" : text, "on".equals(ctx.formParam("lesson")), null, false);
      ctx.redirect("/incidents/" + id, HttpStatus.SEE_OTHER);
    }

    private void status(Context ctx) throws InputException {
      String id = ctx.pathParam("id");
      Status status = status(ctx.formParam("status"));
      incidents.status(id, status, ctx.formParam("message"), null, false);
      ctx.redirect("/incidents/" + id, HttpStatus.SEE_OTHER);
    }

    private static Status status(String label) throws InputException {
      for (Status s : Status.values()) {
        if (s.label().equals(label == null ? "" : label.toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new InputException(
          "status '" + label + "' is not investigating, identified, monitoring or resolved");
    }

    private void run(Context ctx) throws InputException {
      String id = ctx.pathParam("id");
      runs.run(incidents, id, ctx.formParam("target"));
      ctx.redirect("/incidents/" + id, HttpStatus.SEE_OTHER);
    }

    private void rule(Context ctx) {
      String id = ctx.pathParam("layer") + "/" + ctx.pathParam("name");
      pages.rule(id).ifPresentOrElse(r -> render(ctx, "rule.jte", r, "rules"), () -> notFound(ctx));
    }

    private void login(Context ctx) {
      if (guard.login(ctx, ctx.formParam("token"))) {
        ctx.redirect("/", HttpStatus.SEE_OTHER);
        return;
      }
      ctx.status(HttpStatus.UNAUTHORIZED);
      render(ctx, "login.jte", new Login("That is not this server's token."), "");
    }

    private void apiIncidents(Context ctx) throws InputException {
      int size = Math.max(1, Math.min(500, number(ctx, "pageSize", Pages.INCIDENTS_PER_PAGE)));
      Pages.Selection s =
          pages.select(
              ctx.queryParam("service"), ctx.queryParam("status"), number(ctx, "page"), size);
      json(ctx, ApiJson.incidents(s, size));
    }

    private Incident shown(Context ctx) throws InputException {
      return pages.incident(ctx.pathParam("id"));
    }

    private java.util.List<dev.rootcause.model.incident.Budget> budgets() throws InputException {
      return pages.budgetList();
    }

    private void problem(InputException e, Context ctx) {
      boolean missing = e.getMessage().startsWith("no incident ");
      ctx.status(missing ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST);
      if (ctx.path().startsWith("/api/")) {
        json(ctx, ApiJson.error(e.getMessage()));
        return;
      }
      String back = "/";
      if (!missing && ctx.path().startsWith("/incidents/")) {
        back =
            ctx.path()
                .substring(
                    0,
                    ctx.path().indexOf('/', "/incidents/".length()) < 0
                        ? ctx.path().length()
                        : ctx.path().indexOf('/', "/incidents/".length()));
      }
      render(
          ctx,
          "problem.jte",
          new Problem(missing ? "Not found" : "Not done", Safe.text(e.getMessage()), back),
          "");
    }

    private void notFound(Context ctx) {
      ctx.status(HttpStatus.NOT_FOUND);
      if (ctx.path().startsWith("/api/")) {
        json(ctx, ApiJson.error("no such resource: " + ctx.path()));
        return;
      }
      render(
          ctx, "problem.jte", new Problem("Not found", "Nothing lives at this address.", "/"), "");
    }

    private void render(Context ctx, String template, Object page, String active) {
      StringOutput out = new StringOutput();
      Chrome chrome = new Chrome(Guard.csrf(ctx), guard.tokenRequired(), active);
      templates.render(template, Map.of("chrome", chrome, "page", page), out);
      ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    private static void json(Context ctx, String body) {
      ctx.contentType("application/json; charset=utf-8").result(body);
    }

    private static int number(Context ctx, String name) {
      return number(ctx, name, 1);
    }

    private static int number(Context ctx, String name, int fallback) {
      String v = ctx.queryParam(name);
      try {
        return v == null ? fallback : Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
  }
}
