package io.gopluginjava.testing;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import io.gopluginjava.core.DependencyTraining;
import io.gopluginjava.core.tls.AutoMtlsCertificate;
import io.gopluginjava.core.tls.MtlsEngines;
import io.gopluginjava.core.tls.TlsConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * What a step01 plugin and host do with the JDK and the jars, without go-plugin's wire or any workbook piece: log,
 * make AutoMTLS certificates and read them back, talk over a Unix socket with mutual TLS and over loopback TCP, and
 * write JSON. The training of step01's {@link io.gopluginjava.core.DependencyArchive}.
 */
public final class NetRpcPluginTraining implements DependencyTraining {

  private static final byte[] PING = "ping".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @Override
  public void run() throws Exception {
    LoggerFactory.getLogger(NetRpcPluginTraining.class).info("training, parent {}, {} environment variables",
        ProcessHandle.current().parent().map(ProcessHandle::pid), System.getenv().size());
    new Gson().toJson(JsonParser.parseString(new Gson().toJson(Map.of("@message", "training"))));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> { }));
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      timer.schedule(() -> new Sample(ProcessHandle.current().info().command().orElse("")).toString(), 1,
          TimeUnit.MILLISECONDS).get();
    } finally {
      timer.shutdownNow();
    }
    AutoMtlsCertificate plugin = AutoMtlsCertificate.generate();
    AutoMtlsCertificate host = AutoMtlsCertificate.generate();
    AutoMtlsCertificate.fromPem(host.pem());
    AutoMtlsCertificate.fromHandshakeField(plugin.handshakeField());
    Path dir = Files.createTempDirectory("dependency-training",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path socket = dir.resolve("plugin.sock");
    try {
      exchange(StandardProtocolFamily.UNIX, UnixDomainSocketAddress.of(socket), plugin, host);
      exchange(StandardProtocolFamily.INET, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, null);
    } finally {
      Files.deleteIfExists(socket);
      Files.delete(dir);
    }
  }

  private record Sample(String command) {}

  /** One ping echoed by a server on {@code address}, over mutual TLS when certificates are given. */
  private static void exchange(StandardProtocolFamily family, SocketAddress address, AutoMtlsCertificate plugin,
      AutoMtlsCertificate host) throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open(family).bind(address)) {
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
        try (SocketChannel accepted = server.accept();
            TlsConnection tls = plugin == null ? null : new TlsConnection(MtlsEngines.server(plugin,
                host.certificate()), Channels.newInputStream(accepted), Channels.newOutputStream(accepted), accepted)) {
          var in = tls == null ? Channels.newInputStream(accepted) : tls.handshake().input();
          var out = tls == null ? Channels.newOutputStream(accepted) : tls.output();
          out.write(in.readNBytes(PING.length));
          out.flush();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
          TlsConnection tls = plugin == null ? null : new TlsConnection(MtlsEngines.client(host,
              plugin.certificate()), Channels.newInputStream(client), Channels.newOutputStream(client), client)) {
        var in = tls == null ? Channels.newInputStream(client) : tls.handshake().input();
        var out = tls == null ? Channels.newOutputStream(client) : tls.output();
        out.write(PING);
        out.flush();
        if (!java.util.Arrays.equals(in.readNBytes(PING.length), PING)) {
          throw new IOException("the echo differs from the ping");
        }
      }
      served.get(30, TimeUnit.SECONDS);
    }
  }
}
