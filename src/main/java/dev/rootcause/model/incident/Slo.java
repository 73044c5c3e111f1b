package dev.rootcause.model.incident;

import java.io.Serializable;

/**
 * A service's objective as an error budget: the downtime allowed over a rolling window.
 *
 * @param objective how it was stated, for people: "99.9% over 30d", "20m downtime over 1y"
 */
public record Slo(String service, long windowSeconds, long budgetSeconds, String objective)
    implements Serializable {}
