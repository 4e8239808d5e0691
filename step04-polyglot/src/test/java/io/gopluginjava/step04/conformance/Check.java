package io.gopluginjava.step04.conformance;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * The checks of {@link ConformanceTest}, one per method, in the order a host meets what they check, with what go-plugin
 * expects and what to change in a plugin that fails: the rows of the summary table {@code ./conformance} prints.
 */
public enum Check {
  REFUSES_WITHOUT_COOKIE("refusesWithoutCookie", "cookie",
      "without BASIC_PLUGIN=hello: go-plugin's three-line message on stderr, exit status 1, nothing on stdout",
      "compare the magic cookie first, before listening; print go-plugin's text exactly, then exit 1"),
  HANDSHAKE_LINE("handshakeLine", "handshake line",
      "1|1|unix or tcp|address|grpc| on stdout; field 6 empty when PLUGIN_CLIENT_CERT is unset",
      "print one line of six |-separated fields and flush stdout; leave field 6 empty without AutoMTLS"),
  VERSION_NEGOTIATION("versionNegotiation", "version negotiation",
      "the highest app version in both lists; with none in common, the plugin's own lowest",
      "read PLUGIN_PROTOCOL_VERSIONS; never answer a version the plugin does not speak"),
  HEALTH("health", "health",
      "grpc.health.v1.Health Check and Watch of service \"plugin\" answer SERVING",
      "register the standard health service and set \"plugin\" to SERVING"),
  CONTRACT("contract", "contract",
      "the contract's calls answered as go-plugin's example plugins do (KV: Put then Get; Get of a missing key fails)",
      "implement the contract's service; return an error status for a key that was never put"),
  STDIO("stdio", "stdio",
      "plugin.GRPCStdio/StreamStdio served and kept open until the plugin exits",
      "serve GRPCStdio (go-plugin's grpc_stdio.proto) and keep the stream open; never end it with an error"),
  SHUTDOWN("shutdown", "shutdown",
      "after plugin.GRPCController/Shutdown the plugin exits by itself with status 0 within 2 s",
      "serve GRPCController; on Shutdown stop the server and exit 0"),
  LEAVES_NO_SOCKET("leavesNoSocketBehind", "no socket left",
      "nothing left in PLUGIN_UNIX_SOCKET_DIR (or TMPDIR) after a plugin has stopped",
      "remove the Unix socket (and any directory made for it) before exiting"),
  AUTO_MTLS("autoMtls", "AutoMTLS",
      "with PLUGIN_CLIENT_CERT: its own certificate in field 6 (DER, base64 without padding), then mutual TLS",
      "make a certificate as go-plugin's mtls.go does, serve TLS requiring the host's, announce it unpadded"),
  REFUSES_STRANGERS("mtlsRefusesStrangers", "refuses strangers",
      "with AutoMTLS the TLS handshake of a client with another certificate than the host's is refused",
      "trust only the certificate in PLUGIN_CLIENT_CERT and require a client certificate");

  private final String method;
  private final String title;
  private final String expects;
  private final String fix;

  Check(String method, String title, String expects, String fix) {
    this.method = method;
    this.title = title;
    this.expects = expects;
    this.fix = fix;
  }

  /** Runs the checks in this enum's order. */
  public static final class InOrder implements MethodOrderer {
    @Override
    public void orderMethods(MethodOrdererContext context) {
      context.getMethodDescriptors().sort(Comparator.comparingInt((MethodDescriptor method) ->
          ofMethod(method.getMethod().getName()).map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
    }
  }

  /** The check of the test method {@code method} of {@link ConformanceTest}, if it is one. */
  public static Optional<Check> ofMethod(String method) {
    return Arrays.stream(values()).filter(check -> check.method.equals(method)).findFirst();
  }

  public String method() {
    return method;
  }

  public String title() {
    return title;
  }

  public String expects() {
    return expects;
  }

  public String fix() {
    return fix;
  }
}
