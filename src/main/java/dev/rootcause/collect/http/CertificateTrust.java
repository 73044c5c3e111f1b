package dev.rootcause.collect.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JVM's own certificate checks, with their failures said in plain words: "PKIX path building
 * failed" becomes "self-signed certificate: use -k/--insecure to accept it", and an expired or
 * wrongly named certificate says so with its date or names.
 */
final class CertificateTrust extends X509ExtendedTrustManager {

  /** A refused certificate, with the reason a person can act on as its message. */
  static final class Refused extends CertificateException {
    Refused(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  private final X509ExtendedTrustManager delegate;

  private CertificateTrust(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  /** The default trust store's manager, explaining its refusals. */
  static TrustManager[] defaults() throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    for (TrustManager m : f.getTrustManagers()) {
      if (m instanceof X509ExtendedTrustManager x) {
        return new TrustManager[] {new CertificateTrust(x)};
      }
    }
    return f.getTrustManagers();
  }

  /** The plain reason inside a TLS failure, or null when it was not a refused certificate. */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Refused) {
        return t.getMessage();
      }
    }
    return null;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    explained(
        chain,
        engine == null ? null : engine.getPeerHost(),
        () -> delegate.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    explained(chain, null, () -> delegate.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    explained(chain, null, () -> delegate.checkServerTrusted(chain, authType));
  }

  private interface Check {
    void run() throws CertificateException;
  }

  private static void explained(X509Certificate[] chain, String host, Check check)
      throws CertificateException {
    try {
      check.run();
    } catch (CertificateException e) {
      throw new Refused(explain(chain, host, e), e);
    }
  }

  static String explain(X509Certificate[] chain, String host, CertificateException e) {
    if (chain == null || chain.length == 0) {
      return "the server sent no certificate";
    }
    X509Certificate leaf = chain[0];
    try {
      leaf.checkValidity();
    } catch (CertificateExpiredException x) {
      return "certificate expired on "
          + day(leaf.getNotAfter())
          + ": renew it, or use"
          + " -k/--insecure to probe anyway";
    } catch (CertificateNotYetValidException x) {
      return "certificate not valid before "
          + day(leaf.getNotBefore())
          + " (is this machine's"
          + " clock right?): use -k/--insecure to probe anyway";
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("No subject alternative") || message.contains("No name matching")) {
      return "certificate is for "
          + String.join(", ", names(leaf))
          + ", not "
          + (host == null ? "this host" : host)
          + ": probe a name it was issued for, or use"
          + " -k/--insecure";
    }
    if (chain.length == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
      return "self-signed certificate: use -k/--insecure to accept it";
    }
    return "certificate issued by "
        + chain[chain.length - 1].getIssuerX500Principal().getName()
        + ", a CA this JVM does not trust: add the CA to the trust store, or use -k/--insecure";
  }

  private static LocalDate day(java.util.Date d) {
    return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static List<String> names(X509Certificate c) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> alt = c.getSubjectAlternativeNames();
      if (alt != null) {
        alt.forEach(n -> out.add(String.valueOf(n.get(1))));
      }
    } catch (CertificateParsingException ignored) {
      // Fall back to the subject below.
    }
    if (out.isEmpty()) {
      out.add(c.getSubjectX500Principal().getName());
    }
    return out;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
