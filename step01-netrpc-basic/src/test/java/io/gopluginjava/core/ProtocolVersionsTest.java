package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ProtocolVersions")
class ProtocolVersionsTest {

  @Test
  @DisplayName("the plugin serves the highest version both sides know")
  void highestCommonVersionWins() {
    assertThat(ProtocolVersions.negotiate(List.of(1, 2, 3), Set.of(2, 3, 4))).as("plugin [1,2,3], host [2,3,4]")
        .isEqualTo(3);
  }

  @Test
  @DisplayName("the order in which either side lists its versions does not matter")
  void orderDoesNotMatter() {
    assertThat(ProtocolVersions.negotiate(List.of(3, 1, 2), Set.of(1, 2))).as("plugin [3,1,2], host [1,2]")
        .isEqualTo(2);
  }

  @Test
  @DisplayName("with no version in common the plugin serves its lowest, and leaves the refusal to the host")
  void noOverlapServesTheLowest() {
    assertThat(ProtocolVersions.negotiate(List.of(2, 1, 3), Set.of(7))).as("plugin [2,1,3], host [7]")
        .isEqualTo(1);
  }

  @Test
  @DisplayName("a host that sends no versions gets the plugin's lowest")
  void noHostVersions() {
    assertThat(ProtocolVersions.negotiate(List.of(4, 5), Set.of())).as("plugin [4,5], host []").isEqualTo(4);
  }

  @Test
  @DisplayName("reads PLUGIN_PROTOCOL_VERSIONS, skipping and reporting entries that are not numbers")
  void parsesTheEnvironmentValue() {
    List<String> warnings = new ArrayList<>();

    assertThat(ProtocolVersions.parse("1,two,3", warnings::add)).as("parsed versions").containsExactly(1, 3);
    assertThat(warnings).as("warnings").singleElement().asString().contains("\"two\"");
    assertThat(ProtocolVersions.format(Set.of(3, 1, 2))).as("formatted for the env").isEqualTo("1,2,3");
  }
}
