package io.gopluginjava.grpc;

import io.netty.handler.ssl.SslContext;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

/**
 * One side's AutoMTLS material: its own certificate and the one certificate it trusts, the other side's. Both are
 * null when AutoMTLS is off. The broker uses it for every extra connection, whichever side listens; each TLS context
 * is made once, on first use, since making one costs far more than a handshake.
 */
public final class PeerTls {

  public static final PeerTls NONE = new PeerTls(null, null);

  private final SelfSignedCert own;
  private final X509Certificate peer;
  private final Supplier<SslContext> serving;
  private final Supplier<SslContext> dialing;

  public PeerTls(SelfSignedCert own, X509Certificate peer) {
    if ((own == null) != (peer == null)) {
      throw new IllegalArgumentException("AutoMTLS needs both our certificate and the peer's, or neither");
    }
    this.own = own;
    this.peer = peer;
    this.serving = once(() -> MtlsContexts.server(own, peer));
    this.dialing = once(() -> MtlsContexts.client(own, peer));
  }

  public boolean enabled() {
    return own != null;
  }

  public SelfSignedCert own() {
    return own;
  }

  public X509Certificate peer() {
    return peer;
  }

  /** For a server on this side, or null for plaintext. */
  public SslContext serving() {
    return enabled() ? serving.get() : null;
  }

  /** For a channel from this side, or null for plaintext. */
  public SslContext dialing() {
    return enabled() ? dialing.get() : null;
  }

  private static Supplier<SslContext> once(Supplier<SslContext> make) {
    return new Supplier<>() {
      private SslContext made;

      @Override
      public synchronized SslContext get() {
        if (made == null) {
          made = make.get();
        }
        return made;
      }
    };
  }
}
