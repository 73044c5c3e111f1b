package dev.rootcause.pipeline;

import dev.rootcause.model.incident.CauseChain;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.model.incident.Verification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Separates an incident's root causes from their consequences: a symptom observed in the cluster
 * with no line to fix (a Service with no endpoints) that names the same pod or workload as a
 * finding with a line to fix (the crash loop's missing DB_NAME) is put under that finding, not
 * listed as a cause of its own. Each chain is paired with the {@code verify} run that followed it.
 */
final class CauseChains {
  static final String VERIFIED = "Fix verified: ";
  static final String NOT_VERIFIED = "Fix not verified: ";

  private CauseChains() {}

  static List<CauseChain> of(Incident incident) {
    List<RootCause> causes = incident.rootCauses();
    Map<RootCause, List<RootCause>> heads = new LinkedHashMap<>();
    Map<RootCause, RootCause> parentOf = new LinkedHashMap<>();
    for (RootCause c : causes) {
      RootCause parent = c.observedOnly() ? parent(c, causes) : null;
      if (parent != null) {
        parentOf.put(c, parent);
      }
    }
    for (RootCause c : causes) {
      RootCause parent = parentOf.get(c);
      if (parent == null) {
        heads.computeIfAbsent(c, k -> new ArrayList<>());
      } else {
        heads.computeIfAbsent(parent, k -> new ArrayList<>()).add(c);
      }
    }
    List<Verification> runs = verifications(incident);
    List<CauseChain> out = new ArrayList<>();
    for (Map.Entry<RootCause, List<RootCause>> e : heads.entrySet()) {
      RootCause head = e.getKey();
      boolean onPath = touches(head, incident.services());
      for (RootCause c : e.getValue()) {
        onPath |= touches(c, incident.services());
      }
      out.add(new CauseChain(head, e.getValue(), onPath, after(runs, head.foundAt())));
    }
    return out;
  }

  /**
   * The first finding with a line to fix whose evidence names one of the symptom's cluster objects:
   * the pod that is not Ready is the pod whose container cannot start.
   */
  private static RootCause parent(RootCause symptom, List<RootCause> causes) {
    Set<String> named = new HashSet<>(symptom.objects());
    if (named.isEmpty()) {
      return null;
    }
    for (RootCause c : causes) {
      if (c != symptom && !c.observedOnly() && c.objects().stream().anyMatch(named::contains)) {
        return c;
      }
    }
    return null;
  }

  /** True when the finding is about a Service or workload named like an affected service. */
  private static boolean touches(RootCause c, List<String> services) {
    for (String service : services) {
      for (String object : c.objects()) {
        if ((object.startsWith("Service ") || object.startsWith("Deployment "))
            && (object.endsWith("/" + service) || object.endsWith(" " + service))) {
          return true;
        }
      }
      String subject = c.subject();
      if (subject.startsWith("Service ") && subject.endsWith("/" + service)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code verify} runs attached to the incident, oldest first. */
  static List<Verification> verifications(Incident incident) {
    List<Verification> out = new ArrayList<>();
    for (TimelineEntry e : incident.timeline()) {
      if (e.kind() != TimelineEntry.Kind.EVIDENCE) {
        continue;
      }
      if (e.text().startsWith(VERIFIED)) {
        out.add(new Verification(e.at(), true, e.text().substring(VERIFIED.length())));
      } else if (e.text().startsWith(NOT_VERIFIED)) {
        out.add(new Verification(e.at(), false, e.text().substring(NOT_VERIFIED.length())));
      }
    }
    return out;
  }

  /** The last run at or after {@code foundAt}: the fix of a cause found later is not verified. */
  private static Verification after(List<Verification> runs, long foundAt) {
    Verification last = null;
    for (Verification v : runs) {
      if (v.at() >= foundAt) {
        last = v;
      }
    }
    return last;
  }
}
