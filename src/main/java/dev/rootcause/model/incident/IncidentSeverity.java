package dev.rootcause.model.incident;

/** How bad an incident is, PagerDuty-style: SEV1 is a full outage, SEV4 a minor degradation. */
public enum IncidentSeverity {
  SEV1("critical: the service is down for most users"),
  SEV2("major: a core function is broken for many users"),
  SEV3("minor: degraded, with a workaround"),
  SEV4("low: cosmetic or internal only");

  private final String meaning;

  IncidentSeverity(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }
}
