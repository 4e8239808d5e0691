package io.gopluginjava.core;

import io.gopluginjava.core.HandshakeException.Problem;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The one line a plugin prints on stdout to tell its host where and how to connect:
 * {@code CORE|APP|NETWORK|ADDR|PROTOCOL|SERVER-CERT[|MULTIPLEX]}, as go-plugin's {@code server.go} prints it and
 * its {@code client.go} reads it.
 *
 * @param coreVersion go-plugin's own protocol version, always {@value #CORE_VERSION}
 * @param appVersion the app protocol version the plugin chose (see {@link ProtocolVersions})
 * @param network {@code unix} or {@code tcp}
 * @param address a socket path, or {@code host:port}
 * @param protocol {@code netrpc} or {@code grpc}
 * @param serverCert the plugin's TLS certificate (DER, base64 without padding), empty without AutoMTLS
 * @param multiplex whether the plugin supports gRPC broker multiplexing; printed only when true
 */
public record Handshake(int coreVersion, int appVersion, String network, String address, String protocol,
    String serverCert, boolean multiplex) {

  public static final int CORE_VERSION = 1;
  public static final Set<String> NETWORKS = Set.of("unix", "tcp");
  /** What a host assumes when a plugin prints only four fields: go-plugin's oldest protocol. */
  public static final String DEFAULT_PROTOCOL = "netrpc";

  /** What Go's strconv.Atoi reads: ASCII digits only, where Integer.parseInt would also take other scripts' digits. */
  private static final Pattern GO_ATOI = Pattern.compile("[+-]?[0-9]+");

  static final String FORMAT = "CORE|APP|NETWORK|ADDR|PROTOCOL|SERVER-CERT[|MULTIPLEX]";

  /** A handshake for a plugin without TLS or multiplexing. */
  public static Handshake of(int appVersion, String network, String address, String protocol) {
    return new Handshake(CORE_VERSION, appVersion, network, address, protocol, "", false);
  }

  /**
   * The line a plugin prints. Always six fields, like a Go plugin, so without a certificate the line ends in
   * {@code |}; the seventh field appears only when multiplexing is on.
   */
  public String toLine() {
    // workbook:begin handshake-print
    String line = coreVersion + "|" + appVersion + "|" + network + "|" + address + "|" + protocol + "|" + serverCert;
    return multiplex ? line + "|true" : line;
    // workbook:end
  }

  /**
   * Reads a line the way go-plugin's host does: at least four fields, core version 1, a known network; a missing
   * fifth field means {@code netrpc}; fields after the seventh are ignored. Whether the app version and protocol are
   * acceptable is {@link #accept}'s job.
   *
   * @throws HandshakeException naming what arrived and what was expected
   */
  public static Handshake parse(String line) {
    // workbook:begin handshake-parse
    String trimmed = line.strip();
    if (!trimmed.contains("|")) {
      throw new HandshakeException(Problem.NOT_A_HANDSHAKE, line,
          "the plugin printed something that is not a handshake line; expected " + FORMAT);
    }
    String[] fields = trimmed.split("\\|", -1);
    if (fields.length < 4) {
      throw new HandshakeException(Problem.FIELD_COUNT, line,
          "expected at least 4 fields (" + FORMAT + "), got " + fields.length);
    }
    int core = number(fields[0], "core version", line);
    if (core != CORE_VERSION) {
      throw new HandshakeException(Problem.CORE_VERSION, line,
          "incompatible core protocol: the plugin speaks core version " + core + ", this host speaks "
              + CORE_VERSION + " (the plugin usually only needs to be rebuilt against a current go-plugin)");
    }
    int app = number(fields[1], "app protocol version", line);
    String network = fields[2];
    if (!NETWORKS.contains(network)) {
      throw new HandshakeException(Problem.NETWORK, line,
          "unknown network \"" + network + "\"; expected one of " + new TreeSet<>(NETWORKS));
    }
    String address = fields[3];
    if (address.isEmpty()) {
      throw new HandshakeException(Problem.ADDRESS, line, "the address field is empty; expected a socket path or host:port");
    }
    String protocol = fields.length >= 5 ? fields[4] : DEFAULT_PROTOCOL;
    // The same certificate whether or not a seventh field follows (the line's strip() trims only its last field).
    String cert = fields.length >= 6 ? fields[5].strip() : "";
    boolean multiplex = false;
    if (fields.length >= 7) {
      if (!fields[6].equals("true") && !fields[6].equals("false")) {
        throw new HandshakeException(Problem.MULTIPLEX, line,
            "the multiplex field is \"" + fields[6] + "\"; expected true or false");
      }
      multiplex = Boolean.parseBoolean(fields[6]);
    }
    return new Handshake(core, app, network, address, protocol, cert, multiplex);
    // workbook:end
  }

  /**
   * The host's whole check of a line: {@link #parse} it, then require an app version the host offered and a
   * protocol it allows.
   */
  public static Handshake accept(String line, Collection<Integer> offeredVersions, Collection<String> allowedProtocols) {
    Handshake handshake = parse(line);
    if (!offeredVersions.contains(handshake.appVersion())) {
      throw new HandshakeException(Problem.APP_VERSION, line,
          "incompatible app protocol: the plugin chose version " + handshake.appVersion() + ", but this host offered "
              + new TreeSet<>(offeredVersions));
    }
    if (!allowedProtocols.contains(handshake.protocol())) {
      throw new HandshakeException(Problem.PROTOCOL, line, "the plugin speaks protocol \"" + handshake.protocol()
          + "\", but this host allows only " + new TreeSet<>(allowedProtocols));
    }
    return handshake;
  }

  private static int number(String field, String what, String line) {
    try {
      if (!GO_ATOI.matcher(field).matches()) {
        throw new NumberFormatException(field);
      }
      return Integer.parseInt(field);
    } catch (NumberFormatException e) {
      throw new HandshakeException(Problem.NOT_A_NUMBER, line, "the " + what + " is \"" + field + "\"; expected a whole number");
    }
  }
}
