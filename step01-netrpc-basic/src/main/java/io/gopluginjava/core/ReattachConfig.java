package io.gopluginjava.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a plugin that is already running listens, so that a host can use it without starting it, like go-plugin's
 * {@code ReattachConfig}. A started client hands one out; another host builds its client with it.
 *
 * @param protocol the plugin's wire
 * @param protocolVersion the app protocol version it serves
 * @param network where it listens
 * @param address the socket path or {@code host:port}
 * @param pid the plugin's process id: the host checks it is running before it connects, and waits for it to exit
 * @param test a plugin in go-plugin's test mode: the host never shuts it down, the plugin ends itself
 */
public record ReattachConfig(Protocol protocol, int protocolVersion, Network network, String address, long pid,
    boolean test) {

  public ReattachConfig {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(address, "address");
    if (pid <= 0) {
      throw new IllegalArgumentException("a reattach config needs the plugin's pid, got " + pid);
    }
  }

  /** The plugin's process if it is running, checked before any connection attempt. */
  public Optional<ProcessHandle> runningProcess() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
  }
}
