package dev.rootcause.collect.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The share of requests a dice roll fails, whichever side of the comparison the roll is on. */
class ChanceTest {

  @Test
  void uniformRollsAgainstARate() {
    Chance rate = new Chance(0.3, "FAILURE_RATE");
    assertThat(Chance.uniform(rate, "<", true).probability()).isCloseTo(0.3, within(1e-9));
    assertThat(Chance.uniform(rate, ">", true).probability()).isCloseTo(0.7, within(1e-9));
    assertThat(Chance.uniform(rate, ">", false).probability()).isCloseTo(0.3, within(1e-9));
    assertThat(Chance.uniform(rate, "<", true).envVar()).isEqualTo("FAILURE_RATE");
    assertThat(Chance.uniform(new Chance(7, null), "<", true).probability()).isEqualTo(1.0);
    assertThat(Chance.uniform(rate, "==", true)).isNull();
  }

  @Test
  void wholeNumberDice() {
    assertThat(Chance.dice(1, 10, ">", 8, true).probability()).isCloseTo(0.2, within(1e-9));
    assertThat(Chance.dice(1, 10, "<", 8, false).probability()).isCloseTo(0.2, within(1e-9));
    assertThat(Chance.dice(0, 3, "===", 0, true).probability()).isCloseTo(0.25, within(1e-9));
    assertThat(Chance.dice(5, 1, "<", 3, true)).isNull();
    assertThat(Chance.parse("0.5", null).not().probability()).isCloseTo(0.5, within(1e-9));
    assertThat(Chance.parse("often", null)).isNull();
  }
}
