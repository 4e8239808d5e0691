package io.gopluginjava.core.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's key and trust managers for AutoMTLS: one key with its certificate to present, exactly one certificate to
 * trust. The key store is an in-memory JKS one (PKCS#12's 10 000-round password encryption would only protect the key
 * from this same process); the managers are the JDK's own (SunX509, PKIX).
 */
public final class KeyMaterial {

  private static final char[] IN_MEMORY = "in-memory".toCharArray();
  public static final String KEY_STORE = "JKS";

  private KeyMaterial() {}

  /** The JDK's key manager for one key and its certificate. */
  public static KeyManagerFactory keyManagers(AutoMtlsCertificate own) throws GeneralSecurityException {
    KeyStore store = emptyStore();
    store.setKeyEntry("own", own.privateKey(), IN_MEMORY, new Certificate[] {own.certificate()});
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, IN_MEMORY);
    return factory;
  }

  /** The JDK's trust manager for exactly one trusted certificate. */
  public static TrustManagerFactory trustManagers(X509Certificate peer) throws GeneralSecurityException {
    KeyStore store = emptyStore();
    store.setCertificateEntry("peer", peer);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KEY_STORE);
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("could not make an empty key store", e);
    }
    return store;
  }
}
