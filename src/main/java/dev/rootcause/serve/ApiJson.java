package dev.rootcause.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rootcause.report.incident.IncidentJson;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The envelopes of {@code /api/}: a page of incident summaries, and errors; an incident and the
 * budgets are {@link IncidentJson}'s, the same JSON the CLI prints. docs/serve.md has the schema.
 */
final class ApiJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ApiJson() {}

  static String incidents(Pages.Selection s, int pageSize) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", s.paging().total());
    m.put("page", s.paging().page());
    m.put("pages", s.paging().pages());
    m.put("pageSize", pageSize);
    m.put("incidents", s.page().stream().map(IncidentJson::summary).toList());
    return write(m);
  }

  static String error(String message) {
    return write(Map.of("error", Safe.text(message)));
  }

  private static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
