package io.gopluginjava.grpc;

/**
 * Initializes, on a thread of its own, what a process will need for its first connection and does not depend on the
 * other side: Netty's transport (epoll's or kqueue's native library) and, with AutoMTLS, the JDK's TLS provider and
 * Netty's TLS defaults (which build a throwaway TLS context). A host starts it while its plugin starts, a plugin while
 * it makes its certificate: about 0.1 s each that no longer waits in line before the first call on two cores. It
 * only loads classes: a failure here is left to the real use, which reports it.
 */
final class WarmUp {

  private WarmUp() {}

  static void start(boolean tls) {
    NettyDefaults.apply(); // before this thread's first Netty class reads them, or Netty's JFR events come back on
    Thread thread = new Thread(() -> {
      try {
        NettyTransport.current();
        if (tls) {
          JdkTls.prepare();
        }
      } catch (RuntimeException | LinkageError | java.security.GeneralSecurityException ignored) {
        // the connection that needs them fails with the real error
      }
    }, "goplugin-warm-up");
    thread.setDaemon(true);
    thread.start();
  }
}
