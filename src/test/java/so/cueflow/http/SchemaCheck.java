package so.cueflow.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;

/**
 * Validates JSON against a schema of an OpenAPI 3.1 document (JSON Schema 2020-12), resolving its
 * {@code #/components/...} references against the document. Formats ({@code date-time}) are checked too.
 */
final class SchemaCheck {
    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    SchemaCheck(JsonNode document) {
        this.document = document;
    }

    /** Problems of {@code value} against {@code schema}, each prefixed with {@code where}; empty when it fits. */
    List<String> check(JsonNode schema, JsonNode value, String where) {
        // The document's schemas become $defs of a standalone schema, and its references follow them there.
        ObjectNode wrapper = Json.MAPPER.createObjectNode();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.setAll((ObjectNode) schema.deepCopy());
        wrapper.set("$defs", document.path("components").path("schemas"));
        Schema compiled = registry.getSchema(wrapper.toString().replace("\"#/components/schemas/", "\"#/$defs/"));
        // Formats are asserted: a time that is not ISO-8601 (epoch milliseconds, say) fails "date-time".
        List<Error> errors = compiled.validate(new tools.jackson.databind.ObjectMapper().readTree(value.toString()),
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(error -> where + " " + error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    /** A response or other object given as {@code {"$ref": "#/components/..."}}, resolved. */
    JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }
}
