package io.gopluginjava.gob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gopluginjava.gob.GobType.Field;
import io.gopluginjava.gob.GobType.MapOf;
import io.gopluginjava.gob.GobType.SliceOf;
import io.gopluginjava.gob.GobType.StructOf;
import io.gopluginjava.testing.GoToolchain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gob codec against bytes Go's own {@code encoding/gob} wrote ({@code src/test/go/gobhex}, committed as
 * {@code go-gob.hex}): each line decodes to the Java value it stands for, and encoding that value gives Go's bytes.
 */
@DisplayName("gob against bytes from Go's encoding/gob")
class GobGoldenTest {

  static final StructOf POINT = StructOf.of("Point",
      new Field("X", GobType.INT), new Field("Y", GobType.INT), new Field("Name", GobType.STRING));
  static final StructOf REQUEST = StructOf.of("Request",
      new Field("ServiceMethod", GobType.STRING), new Field("Seq", GobType.UINT));
  static final StructOf RESPONSE = StructOf.of("Response",
      new Field("ServiceMethod", GobType.STRING), new Field("Seq", GobType.UINT), new Field("Error", GobType.STRING));
  static final StructOf EMPTY = StructOf.of("");

  /** One value of a line: its type and the Java value Go's value stands for. */
  record Typed(GobType type, Object value) {
  }

  static Typed of(GobType type, Object value) {
    return new Typed(type, value);
  }

  static GobStruct struct(StructOf type, Map<String, Object> fields) {
    return new GobStruct(type, fields);
  }

  /** Each line: the Java values, and the first type id Go gave the line's own types (ids are per process in Go). */
  static Stream<Arguments> lines() {
    return Stream.of(
        Arguments.of("string-hello", 64, List.of(of(GobType.STRING, "Hello!"))),
        Arguments.of("string-empty", 64, List.of(of(GobType.STRING, ""))),
        Arguments.of("int-0", 64, List.of(of(GobType.INT, 0L))),
        Arguments.of("int-1", 64, List.of(of(GobType.INT, 1L))),
        Arguments.of("int-minus-1", 64, List.of(of(GobType.INT, -1L))),
        Arguments.of("int-300", 64, List.of(of(GobType.INT, 300L))),
        Arguments.of("int-min64", 64, List.of(of(GobType.INT, Long.MIN_VALUE))),
        Arguments.of("uint-255", 64, List.of(of(GobType.UINT, 255L))),
        Arguments.of("uint32-7", 64, List.of(of(GobType.UINT, 7L))),
        Arguments.of("uint64-max", 64, List.of(of(GobType.UINT, -1L))),
        Arguments.of("bool-true", 64, List.of(of(GobType.BOOL, true))),
        Arguments.of("float-1.5", 64, List.of(of(GobType.FLOAT, 1.5))),
        Arguments.of("float-minus-0.1", 64, List.of(of(GobType.FLOAT, -0.1))),
        Arguments.of("slice-strings", 64, List.of(of(new SliceOf(GobType.STRING), List.of("a", "bc")))),
        Arguments.of("map-string-int", 65, List.of(of(new MapOf(GobType.STRING, GobType.INT), Map.of("k", 7L)))),
        Arguments.of("struct-point", 66, List.of(of(POINT, struct(POINT, Map.of("X", 1L, "Y", -2L, "Name", "p"))))),
        Arguments.of("struct-point-zero", 66, List.of(of(POINT, struct(POINT, Map.of())))),
        Arguments.of("pointer-point", 66, List.of(of(POINT, struct(POINT, Map.of("X", 3L))))),
        Arguments.of("interface-nil", 64, List.of(of(GobType.INTERFACE, null))),
        Arguments.of("interface-point", 66, List.of(of(GobType.INTERFACE,
            new GobInterface("main.Point", POINT, struct(POINT, Map.of("X", 5L)))))),
        Arguments.of("rpc-request-greet", 68, List.of(
            of(REQUEST, struct(REQUEST, Map.of("ServiceMethod", "Plugin.Greet"))), of(GobType.INTERFACE, null))),
        Arguments.of("rpc-response-greet", 69, List.of(
            of(RESPONSE, struct(RESPONSE, Map.of("ServiceMethod", "Plugin.Greet"))), of(GobType.STRING, "Hello!"))),
        Arguments.of("rpc-request-dispense", 68, List.of(
            of(REQUEST, struct(REQUEST, Map.of("ServiceMethod", "Dispenser.Dispense", "Seq", 1L))),
            of(GobType.STRING, "greeter"))),
        Arguments.of("rpc-response-dispense", 69, List.of(
            of(RESPONSE, struct(RESPONSE, Map.of("ServiceMethod", "Dispenser.Dispense", "Seq", 1L))),
            of(GobType.UINT, 1L))),
        Arguments.of("rpc-request-quit", 68, List.of(
            of(REQUEST, struct(REQUEST, Map.of("ServiceMethod", "Control.Quit", "Seq", 2L))), of(GobType.BOOL, true))),
        Arguments.of("rpc-response-quit", 69, List.of(
            of(RESPONSE, struct(RESPONSE, Map.of("ServiceMethod", "Control.Quit", "Seq", 2L))),
            of(EMPTY, struct(EMPTY, Map.of())))),
        Arguments.of("rpc-response-error", 69, List.of(
            of(RESPONSE, struct(RESPONSE, Map.of("ServiceMethod", "Dispenser.Dispense", "Seq", 3L,
                "Error", "unknown plugin type: x"))),
            of(EMPTY, struct(EMPTY, Map.of())))));
  }

  static Map<String, byte[]> golden() throws IOException {
    Map<String, byte[]> lines = new HashMap<>();
    try (InputStream in = GobGoldenTest.class.getResourceAsStream("go-gob.hex")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.split(" ");
        lines.put(parts[0], HexFormat.of().parseHex(parts[1]));
      }
    }
    return lines;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  @DisplayName("Go's bytes decode to the value, and the value encodes to Go's bytes")
  void decodesAndEncodes(String name, int firstId, List<Typed> values) throws IOException {
    byte[] go = golden().get(name);
    GobDecoder decoder = new GobDecoder(new ByteArrayInputStream(go));
    for (Typed typed : values) {
      assertThat(decoder.decode()).as("%s decoded", name).isEqualTo(typed.value());
    }
    ByteArrayOutputStream java = new ByteArrayOutputStream();
    GobEncoder encoder = new GobEncoder(java, firstId);
    for (Typed typed : values) {
      encoder.encode(typed.type(), typed.value());
    }
    assertThat(HexFormat.of().formatHex(java.toByteArray())).as("%s encoded by Java", name)
        .isEqualTo(HexFormat.of().formatHex(go));
  }

  @Test
  @DisplayName("[]byte decodes to its bytes")
  void bytes() throws IOException {
    assertThat((byte[]) new GobDecoder(new ByteArrayInputStream(golden().get("bytes-abc"))).decode())
        .as("[]byte(\"abc\")").containsExactly('a', 'b', 'c');
  }

  @Test
  @DisplayName("a struct of every kind, with a pointer, a map, a slice and an interface inside, decodes field by field")
  void everything() throws IOException {
    GobStruct e = (GobStruct) new GobDecoder(new ByteArrayInputStream(golden().get("everything"))).decode();
    assertThat(e.type().name()).as("struct name").isEqualTo("Everything");
    assertThat(e.get("B")).as("B").isEqualTo(true);
    assertThat(e.number("I")).as("I").isEqualTo(-5);
    assertThat(e.number("U")).as("U").isEqualTo(9);
    assertThat(e.get("F")).as("F").isEqualTo(2.25);
    assertThat(e.string("S")).as("S").isEqualTo("s");
    assertThat((byte[]) e.get("Bytes")).as("Bytes").containsExactly(1, 2);
    assertThat(e.get("List")).as("List").isEqualTo(List.of("x"));
    assertThat(e.get("M")).as("M").isEqualTo(Map.of("a", 1L));
    assertThat(e.get("P")).as("P").isEqualTo(struct(POINT, Map.of("Y", 4L)));
    assertThat(e.get("Any")).as("Any").isEqualTo(new GobInterface("string", GobType.STRING, "inside"));
  }

  @Test
  @DisplayName("Go's struct of every kind, decoded by Java, encodes and decodes again to the same value")
  void everythingRoundTrip() throws IOException {
    GobStruct e = (GobStruct) new GobDecoder(new ByteArrayInputStream(golden().get("everything"))).decode();
    ByteArrayOutputStream java = new ByteArrayOutputStream();
    new GobEncoder(java).encode(e.type(), e);
    GobStruct again = (GobStruct) new GobDecoder(new ByteArrayInputStream(java.toByteArray())).decode();
    assertThat(again.type()).as("the type after a round trip").isEqualTo(e.type());
    Map<String, Object> fields = new HashMap<>(again.fields());
    Map<String, Object> expected = new HashMap<>(e.fields());
    assertThat((byte[]) fields.remove("Bytes")).as("Bytes").isEqualTo((byte[]) expected.remove("Bytes"));
    assertThat(fields).as("the other fields").isEqualTo(expected);
  }

  @Test
  @DisplayName("the committed hex is what Go prints today (skipped without Go)")
  void goldenIsCurrent() throws Exception {
    assumeTrue(GoToolchain.available(), GoToolchain.MISSING);
    Process go = new ProcessBuilder("go", "run", ".").directory(new File("src/test/go/gobhex"))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String printed = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(go.waitFor(120, TimeUnit.SECONDS)).as("go run finished").isTrue();
      try (InputStream in = GobGoldenTest.class.getResourceAsStream("go-gob.hex")) {
        assertThat(printed).as("go run . in src/test/go/gobhex against go-gob.hex")
            .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } finally {
      go.destroyForcibly().waitFor();
    }
  }
}
