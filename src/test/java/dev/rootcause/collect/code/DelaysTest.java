package dev.rootcause.collect.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.code.Delays.Range;
import dev.rootcause.collect.code.Delays.Unit;
import org.junit.jupiter.api.Test;

/** The wait a sleep's argument states, in each language's unit, and nothing it does not state. */
class DelaysTest {

  @Test
  void fixedWaitsInEachLanguagesUnit() {
    assertThat(Delays.seconds("2", Unit.SECONDS)).isEqualTo(new Range(2, 2));
    assertThat(Delays.seconds("0.5", Unit.SECONDS)).isEqualTo(new Range(0.5, 0.5));
    assertThat(Delays.seconds("2_000", Unit.MILLISECONDS)).isEqualTo(new Range(2, 2));
    assertThat(Delays.seconds("2000L", Unit.MILLISECONDS)).isEqualTo(new Range(2, 2));
    assertThat(Delays.seconds("2 * time.Second", Unit.NANOSECONDS)).isEqualTo(new Range(2, 2));
    assertThat(Delays.seconds("1500 * time.Millisecond", Unit.NANOSECONDS))
        .isEqualTo(new Range(1.5, 1.5));
    assertThat(Delays.seconds("Duration.ofSeconds(3)", Unit.MILLISECONDS))
        .isEqualTo(new Range(3, 3));
  }

  @Test
  void randomDrawsAreRanges() {
    assertThat(Delays.seconds("random.uniform(3, 8)", Unit.SECONDS)).isEqualTo(new Range(3, 8));
    assertThat(Delays.seconds("random.randint(1, 4)", Unit.SECONDS)).isEqualTo(new Range(1, 4));
    assertThat(Delays.seconds("3000 + Math.random() * 5000", Unit.MILLISECONDS))
        .isEqualTo(new Range(3, 8));
    assertThat(Delays.seconds("Math.floor(Math.random() * 4000)", Unit.MILLISECONDS))
        .isEqualTo(new Range(0, 4));
    assertThat(
            Delays.seconds("time.Duration(rand.Intn(3000)) * time.Millisecond", Unit.NANOSECONDS))
        .isEqualTo(new Range(0, 2.999));
    assertThat(Delays.seconds("ThreadLocalRandom.current().nextInt(3000, 8001)", Unit.MILLISECONDS))
        .isEqualTo(new Range(3, 8));
    assertThat(Delays.seconds("(long) (Math.random() * 2000)", Unit.MILLISECONDS))
        .isEqualTo(new Range(0, 2));
  }

  @Test
  void whatTheCodeDoesNotStateIsUnknown() {
    assertThat(Delays.seconds("REFRESH_WAIT", Unit.SECONDS)).isNull();
    assertThat(Delays.seconds("delay * 2", Unit.SECONDS)).isNull();
    assertThat(Delays.seconds("int(os.environ['WAIT'])", Unit.SECONDS)).isNull();
    assertThat(Delays.seconds("cfg.Delay", Unit.NANOSECONDS)).isNull();
    assertThat(Delays.seconds("2 *", Unit.SECONDS)).isNull();
    assertThat(Delays.seconds("", Unit.SECONDS)).isNull();
    assertThat(Delays.seconds("-1", Unit.SECONDS)).isNull();
  }
}
