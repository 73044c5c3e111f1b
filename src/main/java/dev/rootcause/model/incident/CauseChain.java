package dev.rootcause.model.incident;

import java.io.Serializable;
import java.util.List;

/**
 * One root cause and what followed from it: the symptoms observed on the same cluster objects that
 * have no fix of their own (a Service with no endpoints because its pods crash-loop).
 *
 * @param onAffectedService true when the cause or its consequences name a service the incident
 *     hurt: it sits on the users' path
 * @param verification how its fix was verified: the last {@code verify} run after it was found, or
 *     null when none was attached
 */
public record CauseChain(
    RootCause cause,
    List<RootCause> consequences,
    boolean onAffectedService,
    Verification verification)
    implements Serializable {

  public CauseChain {
    consequences = List.copyOf(consequences);
  }
}
