package dev.rootcause.collect.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refused certificate is said in the words a person acts on, with the real reason. */
class CertificateTrustTest {
  @TempDir Path dir;

  /** A certificate made the way a team makes one for a test box, with the JDK's keytool. */
  private X509Certificate keytool(String alias, String... options) throws Exception {
    Path store = dir.resolve(alias + ".p12");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-dname",
                "CN=" + alias));
    command.addAll(List.of(options));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    return (X509Certificate) ks.getCertificate(alias);
  }

  private static CertificateException pkix() {
    return new CertificateException(
        "PKIX path building failed: unable to find valid"
            + " certification path to requested target");
  }

  @Test
  void anExpiredCertificateSaysWhenItExpired() throws Exception {
    X509Certificate cert = keytool("expired", "-startdate", "-30d", "-validity", "10");
    String day = cert.getNotAfter().toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString();
    assertThat(day).isLessThan(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(CertificateTrust.explain(new X509Certificate[] {cert}, "127.0.0.1", pkix()))
        .isEqualTo(
            "certificate expired on "
                + day
                + ": renew it, or use -k/--insecure to probe"
                + " anyway");
  }

  @Test
  void aCertificateForAnotherHostNamesTheHostsItIsFor() throws Exception {
    X509Certificate cert = keytool("api", "-ext", "SAN=dns:api.example.com,dns:www.example.com");
    CertificateException wrongHost =
        new CertificateException("No subject alternative names matching IP address 10.0.0.7 found");
    assertThat(CertificateTrust.explain(new X509Certificate[] {cert}, "10.0.0.7", wrongHost))
        .isEqualTo(
            "certificate is for api.example.com, www.example.com, not 10.0.0.7: probe a"
                + " name it was issued for, or use -k/--insecure");
  }

  @Test
  void selfSignedAndUnknownIssuersAreToldApart() throws Exception {
    X509Certificate self = keytool("dev-box");
    assertThat(CertificateTrust.explain(new X509Certificate[] {self}, "127.0.0.1", pkix()))
        .isEqualTo("self-signed certificate: use -k/--insecure to accept it");
    X509Certificate ca = keytool("Acme Internal CA");
    assertThat(CertificateTrust.explain(new X509Certificate[] {self, ca}, "127.0.0.1", pkix()))
        .isEqualTo(
            "certificate issued by CN=Acme Internal CA, a CA this JVM does not trust: add"
                + " the CA to the trust store, or use -k/--insecure");
  }
}
