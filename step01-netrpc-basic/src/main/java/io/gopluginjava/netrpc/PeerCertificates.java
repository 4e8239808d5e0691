package io.gopluginjava.netrpc;

import io.gopluginjava.core.tls.AutoMtlsCertificate;
import io.gopluginjava.core.tls.MtlsEngines;
import io.gopluginjava.core.tls.TlsConnection;
import io.gopluginjava.yamux.ChannelStreams;
import io.gopluginjava.yamux.Session;
import io.gopluginjava.yamux.YamuxConfig;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * AutoMTLS on the netrpc wire, or its absence: go-plugin puts TLS on the whole connection, under yamux (the plugin
 * wraps its listener, {@code tls.NewListener} in {@code server.go}; the host dials with {@code tls.Client},
 * {@code client.go}), so a session's streams, the broker's included, need no TLS of their own.
 *
 * @param own this side's certificate, or null without AutoMTLS
 * @param peer the only certificate this side trusts, or null without AutoMTLS
 */
record PeerCertificates(AutoMtlsCertificate own, X509Certificate peer) {

  static final PeerCertificates NONE = new PeerCertificates(null, null);

  /** The plugin's: TLS when the host passed its certificate in {@code PLUGIN_CLIENT_CERT}, with a fresh one of ours. */
  static PeerCertificates fromEnvironment(Map<String, String> env) {
    String pem = env.get(AutoMtlsCertificate.CLIENT_CERT_ENV);
    if (pem == null || pem.isBlank()) {
      return NONE;
    }
    X509Certificate host;
    try {
      host = AutoMtlsCertificate.fromPem(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(AutoMtlsCertificate.CLIENT_CERT_ENV + " is not a PEM certificate ("
          + e.getMessage() + "): a go-plugin host with AutoMTLS puts its own there; unset it to serve without TLS", e);
    }
    return new PeerCertificates(AutoMtlsCertificate.generate(), host);
  }

  boolean enabled() {
    return own != null;
  }

  /** Field 6 of the handshake line: our certificate, or empty. */
  String handshakeField() {
    return enabled() ? own.handshakeField() : "";
  }

  /** The plugin's session on an accepted connection, after the TLS handshake when AutoMTLS is on. */
  Session serverSession(SocketChannel connection) throws IOException {
    if (!enabled()) {
      return Session.server(ChannelStreams.input(connection), ChannelStreams.output(connection), connection,
          YamuxConfig.DEFAULT);
    }
    TlsConnection tls = handshake(new TlsConnection(MtlsEngines.server(own, peer), ChannelStreams.input(connection),
        ChannelStreams.output(connection), connection));
    return Session.server(tls.input(), tls.output(), tls, YamuxConfig.DEFAULT);
  }

  /** The host's session on a connection it dialled, after the TLS handshake when AutoMTLS is on. */
  Session clientSession(SocketChannel connection) throws IOException {
    if (!enabled()) {
      return Session.client(ChannelStreams.input(connection), ChannelStreams.output(connection), connection,
          YamuxConfig.DEFAULT);
    }
    TlsConnection tls = handshake(new TlsConnection(MtlsEngines.client(own, peer), ChannelStreams.input(connection),
        ChannelStreams.output(connection), connection));
    return Session.client(tls.input(), tls.output(), tls, YamuxConfig.DEFAULT);
  }

  private static TlsConnection handshake(TlsConnection tls) throws IOException {
    try {
      return tls.handshake();
    } catch (IOException e) {
      tls.close();
      throw new IOException("AutoMTLS handshake failed: " + e.getMessage(), e);
    }
  }
}
