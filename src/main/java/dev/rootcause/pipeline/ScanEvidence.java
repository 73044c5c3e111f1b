package dev.rootcause.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.model.incident.RootCause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the findings of a saved {@code rootcause scan --format json} as incident evidence. */
final class ScanEvidence {
  private ScanEvidence() {}

  static List<RootCause> read(Path file) throws InputException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new InputException(
          "--scan-json: cannot read "
              + file
              + " as JSON: "
              + e.getMessage().lines().findFirst().orElse("")
              + "; nothing was written");
    }
    JsonNode findings = root == null ? null : root.get("findings");
    if (findings == null || !findings.isArray()) {
      throw new InputException(
          "--scan-json: "
              + file
              + " is not the output of 'rootcause scan --format json' (no findings array); nothing was written");
    }
    List<RootCause> out = new ArrayList<>();
    for (JsonNode f : findings) {
      if ("hardening".equals(f.path("kind").asText())) {
        // Advice, not a cause: the --incident path keeps only root causes too.
        continue;
      }
      JsonNode loc = f.path("location");
      String where =
          loc.has("path")
              ? loc.path("path").asText()
              : loc.path("kind").asText("") + "/" + loc.path("name").asText("");
      out.add(
          new RootCause(
              f.path("ruleId").asText(),
              f.path("severity").asText(),
              f.path("layer").asText(),
              where,
              loc.path("line").asInt(0),
              f.path("message").asText(),
              f.path("fix").asText(),
              f.path("subject").asText(""),
              f.path("symptom").asText(""),
              objects(f),
              0));
    }
    return out;
  }

  /** The cluster objects the finding's evidence names, as {@code Kind namespace/name}. */
  private static List<String> objects(JsonNode finding) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode r : finding.path("related")) {
      JsonNode loc = r.path("location");
      if ("cluster".equals(loc.path("type").asText())) {
        String ns = loc.path("namespace").asText("");
        out.add(
            loc.path("kind").asText()
                + " "
                + (ns.isEmpty() ? "" : ns + "/")
                + loc.path("name").asText());
      }
    }
    return List.copyOf(out);
  }
}
