package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The warm-up thread is often the first code of a plugin or host to touch Netty, and Netty reads its settings once,
 * in its first class: with AutoMTLS a plugin's warm-up began before the main thread reached a class that applied
 * {@link NettyDefaults}, and Netty's JFR events came back on in 5 runs of 6 (about 60 ms of CPU each registering them).
 */
@DisplayName("the warm-up thread")
class WarmUpTest {

  private String before;

  @BeforeEach
  void forgetNettysSetting() {
    before = System.clearProperty(NettyDefaults.JFR);
  }

  @AfterEach
  void restoreNettysSetting() {
    if (before == null) {
      System.clearProperty(NettyDefaults.JFR);
    } else {
      System.setProperty(NettyDefaults.JFR, before);
    }
  }

  @Test
  @DisplayName("applies Netty's defaults before its thread starts, so its first Netty class reads them")
  void appliesNettyDefaultsFirst() {
    WarmUp.start(true);

    assertThat(System.getProperty(NettyDefaults.JFR))
        .as("Netty's JFR setting when WarmUp.start returns (its thread may already be loading Netty)")
        .isEqualTo("false");
  }

  @Test
  @DisplayName("leaves Netty's JFR events on when the application asked for them")
  void keepsTheApplicationsChoice() {
    System.setProperty(NettyDefaults.JFR, "true");

    WarmUp.start(false);

    assertThat(System.getProperty(NettyDefaults.JFR)).as("the application's own setting").isEqualTo("true");
  }
}
