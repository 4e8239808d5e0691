package io.gopluginjava.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The warm-up's rule: it ends when the median call time of its rounds has stopped moving, not after a fixed time. */
class SteadyStateTest {

  @Test
  @DisplayName("round medians still falling (a JIT compiling) are not steady")
  void fallingIsNotSteady() {
    assertThat(SteadyState.steady(List.of(900L, 800L, 700L, 600L, 500L, 400L)))
        .as("the last three rounds' median 500 against 800 before").isFalse();
  }

  @Test
  @DisplayName("rounds that jump about a flat level are steady: medians of medians, not every round")
  void noisyButFlatIsSteady() {
    assertThat(SteadyState.steady(List.of(900L, 600L, 200L, 230L, 190L, 220L, 260L, 200L, 215L)))
        .as("the last three rounds' median 215 against 220 before, single rounds 190 to 260").isTrue();
  }

  @Test
  @DisplayName("fewer than two windows of rounds are never steady")
  void tooFewRounds() {
    assertThat(SteadyState.steady(List.of(200L, 200L, 200L, 200L, 200L)))
        .as("five rounds, six needed to compare two windows of three").isFalse();
  }
}
