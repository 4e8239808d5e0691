package io.gopluginjava.step02.host;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.grpc.HclogOutput;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step02.plugin.GreeterGrpcPluginMain;
import io.gopluginjava.step02.shared.GreeterGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The tour's step02 stop: the Greeter over gRPC with AutoMTLS, showing the handshake, the logs and the stdio. */
public final class GreeterGrpcHost {

  public static void main(String[] args) {
    ClientConfig config = ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.GREETER, new GreeterGrpcPlugin())
        .command(JavaCommand.forMain(GreeterGrpcPluginMain.class))
        .output(new HclogOutput((plugin, entry) -> step("", "[" + plugin + " log, " + entry.level() + "] "
            + entry.message() + (entry.fields().isEmpty() ? "" : " " + entry.fields()))))
        .syncStderr(lines("[greeter stdio: stderr]"))
        .syncStdout(lines("[greeter stdio: stdout]"))
        .build();
    try (PluginClient client = new PluginClient(config)) {
      step("launch", "with PLUGIN_CLIENT_CERT=<the host's certificate, PEM> (AutoMTLS)");
      Handshake handshake = client.start();
      String cert = handshake.serverCert();
      step("handshake", handshake.toLine().replace(cert, cert.substring(0, 16) + "...(" + cert.length() + " chars)"));
      step("", "protocol " + handshake.protocol() + ", mutual TLS with the certificate in field 6");
      client.ping();
      step("ping", "grpc.health.v1.Health/Check(\"plugin\"): SERVING");
      Greeter greeter = client.dispense(Plugins.GREETER, Greeter.class);
      step("call", "proto.GreeterService/Greet");
      step("result", greeter.greet());
      long started = System.nanoTime();
      client.kill();
      step("kill", "GRPCController/Shutdown; plugin exited with status " + client.exitStatus().orElse(-1) + " after "
          + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
  }

  private static synchronized void step(String what, String detail) {
    System.out.printf("%-10s %s%n", what, detail);
  }

  private static OutputStream lines(String prefix) {
    return new OutputStream() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public synchronized void write(byte[] bytes, int offset, int length) {
        line.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
        int newline;
        while ((newline = line.indexOf("\n")) >= 0) {
          step("", prefix + " " + line.substring(0, newline));
          line.delete(0, newline + 1);
        }
      }
    };
  }
}
