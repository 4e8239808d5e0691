package io.gopluginjava.core;

import io.gopluginjava.core.tls.AutoMtlsCertificate;
import java.security.cert.X509Certificate;

/**
 * What a {@link ClientProtocolFactory} gets to connect: the host's config, the accepted handshake, the plugin's
 * process, and with AutoMTLS the host's certificate and the plugin's.
 *
 * @param hostCertificate the host's AutoMTLS certificate, or null for a plaintext connection
 * @param pluginCertificate the certificate the plugin announced, or null for a plaintext connection
 */
public record ProtocolConnection(ClientConfig config, Handshake handshake, PluginRunner plugin,
    AutoMtlsCertificate hostCertificate, X509Certificate pluginCertificate) {

  /** True when the connection is mutual TLS. */
  public boolean tls() {
    return hostCertificate != null;
  }
}
