package io.gopluginjava.core.tls;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The JDK's TLS engines for AutoMTLS on a plain connection (go-plugin's netrpc wire: {@code tls.NewListener} in
 * {@code server.go}, {@code tls.Client} in {@code client.go}). Each side presents its own certificate and trusts only
 * the other's; the dialing side checks the name {@code localhost}, as go-plugin's {@code ServerName: "localhost"}.
 */
public final class MtlsEngines {

  /** The server name both sides check, as go-plugin's {@code tls.Config{ServerName: "localhost"}}. */
  public static final String SERVER_NAME = "localhost";

  private MtlsEngines() {}

  /** The dialing side (the host): present {@code own}, trust only {@code peer}, the plugin's announced certificate. */
  public static SSLEngine client(AutoMtlsCertificate own, X509Certificate peer) {
    SSLEngine engine = context(own, peer, "host").createSSLEngine(SERVER_NAME, 0);
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // checks the certificate's DNS name against localhost
    engine.setSSLParameters(parameters);
    return engine;
  }

  /** The listening side (the plugin): present {@code own}, require a client certificate that is exactly {@code peer}. */
  public static SSLEngine server(AutoMtlsCertificate own, X509Certificate peer) {
    SSLEngine engine = context(own, peer, "plugin").createSSLEngine();
    engine.setUseClientMode(false);
    engine.setNeedClientAuth(true); // go-plugin: tls.RequireAndVerifyClientCert
    return engine;
  }

  private static SSLContext context(AutoMtlsCertificate own, X509Certificate peer, String side) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(KeyMaterial.keyManagers(own).getKeyManagers(), KeyMaterial.trustManagers(peer).getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not set up the " + side + "'s TLS: " + e.getMessage(), e);
    }
  }
}
