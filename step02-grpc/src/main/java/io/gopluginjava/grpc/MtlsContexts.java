package io.gopluginjava.grpc;

import io.netty.handler.ssl.SslContext;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * The two TLS configurations of AutoMTLS. Each side trusts exactly one certificate, the other side's: the host
 * learns the plugin's from the handshake line, the plugin the host's from {@code PLUGIN_CLIENT_CERT}. The side that
 * listens (the plugin, or either side for a brokered connection) uses {@link #server}, the side that dials
 * {@link #client}.
 */
public final class MtlsContexts {

  /** The server name both sides check, as go-plugin's {@code tls.Config{ServerName: "localhost"}}. */
  public static final String SERVER_NAME = "localhost";

  static {
    NettyDefaults.apply();
  }

  private MtlsContexts() {}

  /**
   * The listening side (the plugin): present our certificate, require the peer's. The same context as
   * {@code GrpcSslContexts.configure(SslContextBuilder.forServer(key, certificate)).trustManager(peer)
   * .clientAuth(REQUIRE)}, made in a quarter of the time ({@link JdkTls}).
   */
  public static SslContext server(SelfSignedCert own, X509Certificate peer) {
    try {
      return JdkTls.server(own, peer);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not set up the plugin's TLS: " + e.getMessage(), e);
    }
  }

  /** The dialing side (the host): present our certificate, trust only the peer's, e.g. the one the plugin announced. */
  public static SslContext client(SelfSignedCert own, X509Certificate peer) {
    // workbook:begin host-mtls-context
    try {
      return JdkTls.forClient() // what GrpcSslContexts.forClient() gives, made faster: see JdkTls
          .keyManager(own.privateKey(), own.certificate())
          .trustManager(peer)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("could not set up the host's TLS: " + e.getMessage(), e);
    }
    // workbook:end
  }
}
