package dev.rootcause.collect.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSeries;
import java.util.List;

/**
 * Reads events of the {@code events.k8s.io/v1} API ({@code kubectl get events.events.k8s.io}, what
 * newer tools and controllers print) as the core events the rest of the reader aggregates: {@code
 * regarding} is the involved object, {@code note} the message, {@code deprecatedCount} or the
 * {@code series} the count.
 */
final class EventsV1 {
  private EventsV1() {}

  /** The core-API form of each event, the series kept so that a repeat counts. */
  static List<Event> asCore(List<io.fabric8.kubernetes.api.model.events.v1.Event> events) {
    return events.stream().map(EventsV1::asCore).toList();
  }

  private static Event asCore(io.fabric8.kubernetes.api.model.events.v1.Event e) {
    Integer count = e.getDeprecatedCount();
    EventSeries series =
        e.getSeries() == null
            ? null
            : new EventSeries(e.getSeries().getCount(), e.getSeries().getLastObservedTime());
    return new EventBuilder()
        .withMetadata(e.getMetadata())
        .withInvolvedObject(e.getRegarding())
        .withRelated(e.getRelated())
        .withMessage(e.getNote())
        .withReason(e.getReason())
        .withType(e.getType())
        .withAction(e.getAction())
        .withCount(count == null || count == 0 ? null : count)
        .withFirstTimestamp(e.getDeprecatedFirstTimestamp())
        .withLastTimestamp(e.getDeprecatedLastTimestamp())
        .withEventTime(e.getEventTime())
        .withSeries(series)
        .withSource(e.getDeprecatedSource())
        .withReportingComponent(e.getReportingController())
        .withReportingInstance(e.getReportingInstance())
        .build();
  }
}
