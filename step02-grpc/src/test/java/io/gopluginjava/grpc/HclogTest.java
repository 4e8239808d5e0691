package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The plugin side of hclog: its timestamp, which a go-plugin host accepts in exactly one layout. */
@DisplayName("a plugin's hclog line")
class HclogTest {

  /** Go's {@code 2006-01-02T15:04:05.000000Z07:00} as java.time writes it, the reference for the hand-written one. */
  static final DateTimeFormatter GO_LAYOUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

  @Test
  @DisplayName("writes its timestamp as java.time writes Go's layout, for any instant and offset")
  void timestampMatchesJavaTime() {
    Random random = new Random(13);
    for (int i = 0; i < 20_000; i++) {
      ZoneOffset offset = switch (i % 4) {
        case 0 -> ZoneOffset.UTC;
        case 1 -> ZoneOffset.ofHoursMinutes(-(random.nextInt(18)), -(random.nextInt(60)));
        case 2 -> ZoneOffset.ofHoursMinutes(random.nextInt(18), random.nextInt(60));
        default -> ZoneOffset.ofTotalSeconds(random.nextInt(2 * 18 * 3600) - 18 * 3600);
      };
      OffsetDateTime at = OffsetDateTime.of(1000 + random.nextInt(9000), 1 + random.nextInt(12), 1 + random.nextInt(28),
          random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000), offset);

      assertThat(Hclog.timestamp(at)).as("the timestamp of %s", at).isEqualTo(GO_LAYOUT.format(at));
    }
  }

  @Test
  @DisplayName("writes UTC as Z with microseconds, as a Go plugin's default logger does")
  void utcIsZ() {
    OffsetDateTime at = OffsetDateTime.of(2026, 11, 25, 12, 0, 5, 7_000, ZoneOffset.UTC);

    assertThat(Hclog.timestamp(at)).as("noon UTC and 7 µs").isEqualTo("2026-11-25T12:00:05.000007Z");
  }
}
