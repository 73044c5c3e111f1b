package dev.rootcause.rules.docker;

import dev.rootcause.model.Evidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.docker.BaseImage;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.ShellFacts;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvVar;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Seed 001: the Go service's final image had no CA certificates, so its HTTPS calls failed. */
@RuleSpec(
    id = "docker/missing-ca-certificates",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Final image has no CA certificates, yet the service makes HTTPS calls",
    symptom = "every outbound HTTPS call fails with x509: certificate signed by unknown authority",
    fix =
        "Put a CA bundle in the final stage: COPY --from=<builder>"
            + " /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/, apk add ca-certificates, or"
            + " apt-get install ca-certificates.")
public final class MissingCaCertificates implements DockerfileRule {
  private static final Set<String> TLS_INSTRUCTIONS =
      Set.of("ENV", "CMD", "ENTRYPOINT", "RUN", "HEALTHCHECK");
  private static final Set<String> CERT_ENV =
      Set.of("SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE");

  /** Images that ship a CA bundle and can lend it to a scratch stage. */
  private static final Set<String> CERT_DONORS =
      Set.of("golang", "alpine", "python", "node", "rust", "eclipse-temurin", "openjdk");

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    Stage last = dockerfile.finalStage().orElse(null);
    if (last == null) {
      return;
    }
    List<Stage> lineage = dockerfile.lineage(last);
    BaseImage base = dockerfile.baseImage(last);
    if (!lacksCertificates(base, lineage) || bringsCertificates(lineage, last)) {
      return;
    }
    List<Evidence> tls = tlsEvidence(dockerfile, lineage, ctx);
    if (tls.isEmpty()) {
      return; // no sign of HTTPS: certificates would be dead weight
    }
    String more = tls.size() > 1 ? " and " + (tls.size() - 1) + " more" : "";
    var finding =
        ctx.report(
            last.location(),
            "final stage FROM "
                + last.baseImage()
                + " has no CA certificates, yet the image makes"
                + " HTTPS calls: "
                + tls.get(0).note()
                + more);
    tls.forEach(e -> finding.related(e.location(), e.note()));
    finding.fix(fix(base, dockerfile, last));
  }

  /** Whether the base is known to ship without a CA bundle. */
  private static boolean lacksCertificates(BaseImage base, List<Stage> lineage) {
    if (base.isScratch() || base.is("busybox")) {
      return true;
    }
    if (base.is("alpine")) {
      int[] v = base.version();
      return v != null && (v[0] < 3 || v[0] == 3 && v[1] >= 0 && v[1] < 7); // bundled since 3.7
    }
    if (base.is("debian") || base.is("ubuntu")) {
      // any apt install may pull ca-certificates in as a dependency: then we cannot tell
      return lineage.stream()
          .flatMap(s -> s.runs().stream())
          .noneMatch(r -> r.shell().installsWith("apt-get", "apt"));
    }
    return false;
  }

  private static boolean bringsCertificates(List<Stage> lineage, Stage last) {
    for (Stage s : lineage) {
      for (Stage.Copy c : s.copies()) {
        List<String> paths = new ArrayList<>(c.sources());
        paths.add(c.destination());
        if (paths.stream().anyMatch(MissingCaCertificates::isCertPath)) {
          return true;
        }
      }
      if (s.runs().stream().map(Stage.Run::shell).anyMatch(MissingCaCertificates::bringsBundle)) {
        return true;
      }
    }
    return last.env().keySet().stream().anyMatch(CERT_ENV::contains);
  }

  /** A RUN that installs or refreshes the CA bundle, or writes certificates in place. */
  private static boolean bringsBundle(ShellFacts shell) {
    return shell.installsPackage("ca-certificates")
        || shell.runs("update-ca-certificates")
        || shell.paths().stream().anyMatch(p -> isCertPath(p.path()))
        || shell.commands().stream()
            .flatMap(c -> c.writes().stream())
            .anyMatch(MissingCaCertificates::isCertPath);
  }

  private static boolean isCertPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.contains("/etc/ssl")
        || p.contains("ca-certificates")
        || p.contains("/etc/pki")
        || p.contains("ca-bundle")
        || p.endsWith("cert.pem")
        || p.contains("cacert");
  }

  /** Where the image shows it speaks HTTPS: its own instructions, the manifests, the code. */
  private static List<Evidence> tlsEvidence(
      Dockerfile dockerfile, List<Stage> lineage, RuleContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (Stage s : lineage) {
      for (Stage.Instruction i : s.instructions()) {
        if (TLS_INSTRUCTIONS.contains(i.keyword()) && i.arguments().contains("https://")) {
          out.add(
              new Evidence(
                  i.location(),
                  i.keyword() + " at line " + i.location().line() + " uses an https:// URL"));
        }
      }
    }
    for (Map.Entry<Workload, Container> e : ctx.model().containersRunning(dockerfile)) {
      for (EnvVar env : e.getValue().env()) {
        if (env.value() != null && env.value().reveal().contains("https://")) {
          // the value may hold credentials: only its name leaves the machine
          out.add(
              new Evidence(
                  env.location(),
                  env.name()
                      + " of "
                      + e.getKey().meta().displayName()
                      + " container "
                      + e.getValue().name()
                      + " is an https:// URL"));
        }
      }
    }
    ctx.model()
        .appOf(dockerfile)
        .ifPresent(
            app -> {
              for (AppFacts.OutboundCall call : app.outboundCalls()) {
                if (call.url() != null && call.url().startsWith("https://")) {
                  out.add(new Evidence(call.location(), "the code calls an https:// URL"));
                }
              }
            });
    return out;
  }

  private static String fix(BaseImage base, Dockerfile dockerfile, Stage last) {
    if (base.is("debian") || base.is("ubuntu")) {
      return "Install the bundle in the final stage: RUN apt-get update && apt-get install -y"
          + " --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*.";
    }
    if (base.is("alpine")) {
      return "Install the bundle: RUN apk add --no-cache ca-certificates (alpine 3.7 and later ship"
          + " it).";
    }
    String donor = "alpine:3.20";
    for (Stage s : dockerfile.stages()) {
      BaseImage b = dockerfile.baseImage(s);
      if (s.index() < last.index() && b.isOfficial() && CERT_DONORS.contains(b.repository())) {
        donor = s.name() != null ? s.name() : String.valueOf(s.index());
        break;
      }
    }
    return "Copy the bundle into the final stage: COPY --from="
        + donor
        + " /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/.";
  }
}
