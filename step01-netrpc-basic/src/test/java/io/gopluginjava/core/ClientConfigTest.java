package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one host config of both wires: {@code build()} checks the settings together and names the one that does not fit. */
class ClientConfigTest {

  private static final ReattachConfig RUNNING = new ReattachConfig(Protocol.NETRPC, 1, Network.UNIX,
      "/tmp/plugin.sock", ProcessHandle.current().pid(), false);

  private static ClientConfig.Builder greeter() {
    return ClientConfig.builder()
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin())
        .command("greeter-plugin");
  }

  @Test
  @DisplayName("reattaching with AutoMTLS asked for is refused: the certificates died with the host that started it")
  void reattachWithAutoMtlsIsRefused() {
    ClientConfig.Builder config = ClientConfig.builder().handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin()).reattach(RUNNING).autoMtls(true);

    assertThatIllegalArgumentException().isThrownBy(config::build)
        .withMessageContaining("reattaches to a running plugin cannot also have AutoMTLS, autoMtls(true)");
  }

  @Test
  @DisplayName("reattaching turns AutoMTLS off unless asked, and needs no command")
  void reattachTurnsAutoMtlsOff() {
    ClientConfig config = ClientConfig.builder().handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin()).reattach(RUNNING).build();

    assertThat(config.autoMtls()).as("AutoMTLS of a reattaching host").isFalse();
    assertThat(config.command()).as("command").isEmpty();
  }

  @Test
  @DisplayName("a host with no plugin to dispense is refused, naming the two ways to give one")
  void noPluginsIsRefused() {
    ClientConfig.Builder config = ClientConfig.builder().handshake(Handshakes.GREETER).command("greeter-plugin");

    assertThatIllegalArgumentException().isThrownBy(config::build)
        .withMessageContaining("at least one plugin")
        .withMessageContaining("plugin(name, plugin) or versionedPlugins(version, plugins)");
  }

  @Test
  @DisplayName("an app protocol version below 1 is refused, naming versionedPlugins and the version")
  void badVersionIsRefused() {
    ClientConfig.Builder config = greeter().versionedPlugins(0, Map.of("greeter", new GreeterNetRpcPlugin()));

    assertThatIllegalArgumentException().isThrownBy(config::build)
        .withMessage("versionedPlugins: an app protocol version is a positive number, got 0");
  }

  @Test
  @DisplayName("plugin(...) and a versionedPlugins set for the handshake's own version are refused together")
  void pluginAndSameVersionSetAreRefused() {
    ClientConfig.Builder config = greeter()
        .versionedPlugins(Handshakes.GREETER.protocolVersion(), Map.of("other", new GreeterNetRpcPlugin()));

    assertThatIllegalArgumentException().isThrownBy(config::build)
        .withMessageContaining("plugin(...) adds to the handshake's version");
  }

  @Test
  @DisplayName("a host without a handshake is refused, saying what one is")
  void noHandshakeIsRefused() {
    ClientConfig.Builder config = ClientConfig.builder()
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin()).command("greeter-plugin");

    assertThatIllegalArgumentException().isThrownBy(config::build).withMessageContaining("a client needs a handshake");
  }

  @Test
  @DisplayName("multiplexing gRPC's broker on a host that allows only netrpc is refused")
  void multiplexWithoutGrpcIsRefused() {
    ClientConfig.Builder config = greeter().allowedProtocols(Protocol.NETRPC).multiplex(true);

    assertThatIllegalArgumentException().isThrownBy(config::build)
        .withMessageContaining("multiplex is gRPC's broker multiplexing");
  }

  @Test
  @DisplayName("by default a host offers the handshake's version, allows both wires, and has AutoMTLS on")
  void defaults() {
    ClientConfig config = greeter().build();

    assertThat(config.versions()).as("versions offered").containsExactly(Handshakes.GREETER.protocolVersion());
    assertThat(config.allowedProtocols()).as("allowed protocols").containsExactlyInAnyOrder(Protocol.values());
    assertThat(config.autoMtls()).as("AutoMTLS").isTrue();
    assertThat(config.callTimeout()).as("call timeout (none, as in go-plugin)").isEmpty();
    assertThat(config.name()).as("name from the plugins").isEqualTo(Handshakes.GREETER_PLUGIN);
  }

  @Test
  @DisplayName("a protocol name that go-plugin does not have is refused, listing the ones it has")
  void unknownProtocolIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> Protocol.parse("GRPC"))
        .withMessageContaining("unknown plugin protocol \"GRPC\": expected one of [netrpc, grpc]");
  }
}
