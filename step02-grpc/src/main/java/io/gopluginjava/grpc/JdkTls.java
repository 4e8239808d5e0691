package io.gopluginjava.grpc;

import io.gopluginjava.core.tls.KeyMaterial;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's TLS set up the way gRPC's {@code GrpcSslContexts} sets it up for the JDK's provider (SunJSSE, ALPN
 * {@code h2}, HTTP/2's cipher suites), without what those builders cost a process that makes one context and lives a
 * second: gRPC probes whether the JDK can do ALPN (a throwaway context that loads the JDK's 140 CA certificates, which
 * AutoMTLS never trusts) and whether OpenSSL is there, Netty's server context probes a trust-manager wrapper with a
 * key store of its own, and both keep the key in a PKCS#12 store whose 10 000-round password encryption only protects
 * it from this same process. About 0.25 CPU-s of a plugin's start, 0.15 of a host's. The key store here is an
 * in-memory JKS one; the key and trust managers are the JDK's own (SunX509, PKIX), as the builders make them; gRPC
 * still checks the server name {@code localhost} on the client side.
 */
final class JdkTls {

  private static final ApplicationProtocolConfig ALPN_H2 = new ApplicationProtocolConfig(
      ApplicationProtocolConfig.Protocol.ALPN,
      ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
      ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
      ApplicationProtocolNames.HTTP_2);
  private static final String KEY_STORE = KeyMaterial.KEY_STORE;

  private static final String JDK_PROVIDER = "SunJSSE";

  private JdkTls() {}

  /** {@code GrpcSslContexts.forClient()}: a client builder for the JDK's provider, whose key store is JKS. */
  static SslContextBuilder forClient() {
    SslContextBuilder builder = SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
        .applicationProtocolConfig(ALPN_H2)
        .keyStoreType(KEY_STORE);
    Provider jdk = Security.getProvider(JDK_PROVIDER);
    return jdk == null ? builder : builder.sslContextProvider(jdk);
  }

  /** A server context that presents {@code own} and requires a client certificate that {@code peer} vouches for. */
  static SslContext server(SelfSignedCert own, X509Certificate peer) throws GeneralSecurityException {
    Provider jdk = Security.getProvider(JDK_PROVIDER);
    SSLContext context = jdk == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", jdk);
    context.init(keyManagers(own).getKeyManagers(), trustManagers(peer).getTrustManagers(), null);
    return new JdkSslContext(context, false, Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE, ALPN_H2,
        ClientAuth.REQUIRE, null, false);
  }

  /** Loads the JDK's TLS provider and Netty's TLS defaults, the part of a context that depends on nothing. */
  static void prepare() throws GeneralSecurityException {
    Provider jdk = Security.getProvider(JDK_PROVIDER);
    if (jdk != null) {
      SSLContext.getInstance("TLS", jdk);
    }
    KeyStore.getInstance(KEY_STORE);
    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    try {
      Class.forName(JdkSslContext.class.getName(), true, JdkSslContext.class.getClassLoader()); // builds its defaults
    } catch (ClassNotFoundException e) {
      throw new GeneralSecurityException("Netty's JDK TLS context is missing", e);
    }
  }

  /** The JDK's key manager for one key and its certificate (core's, shared with the netrpc wire). */
  static KeyManagerFactory keyManagers(SelfSignedCert own) throws GeneralSecurityException {
    return KeyMaterial.keyManagers(own.core());
  }

  /** The JDK's trust manager for exactly one trusted certificate. */
  static TrustManagerFactory trustManagers(X509Certificate peer) throws GeneralSecurityException {
    return KeyMaterial.trustManagers(peer);
  }
}
