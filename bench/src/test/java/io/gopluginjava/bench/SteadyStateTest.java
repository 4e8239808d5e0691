package io.gopluginjava.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The warm-up's rule: it ends when the median call time of its rounds has stopped moving, not after a fixed time. */
class SteadyStateTest {

  @Test
  @DisplayName("round medians still falling (a JIT compiling) are not steady")
  void fallingIsNotSteady() {
    assertThat(SteadyState.steady(falling(900, 25, 2 * SteadyState.WINDOW)))
        .as("round medians 900 down to 425 µs, 25 a round").isFalse();
  }

  @Test
  @DisplayName("a slow fall, 1 % a round, is not steady either: two windows of 5 s see it where two of 1.5 s did not")
  void slowFallIsNotSteady() {
    List<Long> medians = falling(214, 2, 2 * SteadyState.WINDOW);

    assertThat(SteadyState.steady(medians)).as("round medians 214 down to 176 µs, 2 a round").isFalse();
    assertThat(medians.get(medians.size() - 1) / (double) medians.get(medians.size() - 4)).as("the last round against"
        + " the third before it: the old three-round windows saw less than 5 %").isGreaterThan(0.95);
  }

  @Test
  @DisplayName("rounds that jump about a flat level are steady: medians of medians, not every round")
  void noisyButFlatIsSteady() {
    List<Long> medians = new ArrayList<>(List.of(900L, 600L));
    for (int i = 0; i < 2 * SteadyState.WINDOW; i++) {
      medians.add(List.of(200L, 230L, 190L, 220L, 260L).get(i % 5));
    }

    assertThat(SteadyState.steady(medians)).as("single rounds 190 to 260 µs about a flat 220").isTrue();
  }

  @Test
  @DisplayName("fewer than two windows of rounds are never steady")
  void tooFewRounds() {
    assertThat(SteadyState.steady(Collections.nCopies(2 * SteadyState.WINDOW - 1, 200L)))
        .as("one round short of two windows").isFalse();
  }

  private static List<Long> falling(long from, long step, int rounds) {
    List<Long> medians = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      medians.add(from - i * step);
    }
    return medians;
  }
}
