package dev.rootcause.rules.app;

import dev.rootcause.model.app.Hazard;

/**
 * A hazard in the words of the rule that reports it, without the route or the rule's advice: what a
 * test of a reader compares, and what a report may list beside a route.
 */
public final class HazardText {
  private HazardText() {}

  public static String describe(Hazard hazard) {
    return switch (hazard) {
      case Hazard.Sleep h -> SleepInHandler.describe(h);
      case Hazard.RandomFailure h -> RandomFailureInjection.describe(h);
      case Hazard.RetryWithoutBackoff h -> RetryWithoutBackoff.describe(h);
      case Hazard.UnboundedGrowth h -> UnboundedGrowthInHandler.describe(h);
      case Hazard.UnguardedSharedState h -> UnguardedSharedState.describe(h);
      case Hazard.DevServer h -> DevServerInProduction.describe(h);
      case Hazard.JsonLoadsOnFile h -> JsonLoadsOnFile.describe(h);
      case Hazard.HealthAlwaysFails h -> HealthEndpointFails.describe(h);
      case Hazard.ServeErrorIgnored h -> ServeErrorIgnored.describe(h);
    };
  }
}
