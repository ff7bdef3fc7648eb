package so.cueflow.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.ApiError;
import so.cueflow.http.Json;
import so.cueflow.messages.Message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The editor's form and the API's message body, both ways. Inputs are named by the API's field paths
 * ({@code content.primaryButton.url}), so the validator's error paths land on their inputs as they are.
 */
final class MessageForm {
    static final String[] BUTTONS = {"primaryButton", "secondaryButton"};

    private MessageForm() {
    }

    /** The body the API would be sent for this form: blank inputs are left out, as a developer would. */
    static ObjectNode body(Form form) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", form.value("name"));
        body.put("type", form.value("type"));
        ObjectNode content = body.putObject("content");
        putIfGiven(content, "title", form.value("content.title"));
        putIfGiven(content, "body", form.value("content.body"));
        for (String button : BUTTONS) {
            String text = form.value("content." + button + ".text");
            String url = form.trimmed("content." + button + ".url");
            if (text.isEmpty() && url == null) continue;
            ObjectNode node = content.putObject(button);
            node.put("text", text);
            if (url != null) node.put("url", url);
        }
        if ("banner".equals(form.value("type"))) content.put("position", form.value("content.position").isEmpty() ? "top" : form.value("content.position"));
        if (!"true".equals(form.value("content.dismissible"))) content.put("dismissible", false);
        putIfGiven(body, "startDate", form.value("startDate").trim());
        putIfGiven(body, "endDate", form.value("endDate").trim());
        body.put("frequency", form.value("frequency"));
        putPriority(body, form.value("priority").trim());
        body.set("targeting", targeting(form.value("targeting")));
        return body;
    }

    /** The form showing a stored message. */
    static Form of(Message message) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", message.name());
        values.put("type", message.type().wireName());
        JsonNode content = Json.parse(message.content().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        values.put("content.title", content.path("title").asText(""));
        values.put("content.body", content.path("body").asText(""));
        for (String button : BUTTONS) {
            values.put("content." + button + ".text", content.path(button).path("text").asText(""));
            values.put("content." + button + ".url", content.path(button).path("url").asText(""));
        }
        values.put("content.position", content.path("position").asText("top"));
        values.put("content.dismissible", content.path("dismissible").asBoolean(true) ? "true" : "");
        values.put("startDate", message.startDate() == null ? "" : message.startDate());
        values.put("endDate", message.endDate() == null ? "" : message.endDate());
        values.put("frequency", message.frequency().wireName());
        values.put("priority", String.valueOf(message.priority()));
        values.put("targeting", message.targeting());
        return Form.of(values);
    }

    /** Puts each of the API's problems under its field path. */
    static Form reject(Form form, ApiError error) {
        if (error.details().isEmpty()) return form.reject("_form", error.getMessage());
        error.details().forEach(problem -> form.reject(problem.field(), problem.message()));
        return form;
    }

    /** The targeting JSON the builder wrote; text that is not JSON goes on as a string, for the API's message. */
    static JsonNode targeting(String text) {
        if (text == null || text.isBlank()) return Json.MAPPER.nullNode();
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }

    private static void putIfGiven(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) node.put(field, value);
    }

    /** A whole number goes as a number; anything else as typed, so the API's message names it. */
    private static void putPriority(ObjectNode body, String priority) {
        if (priority.isEmpty()) return;
        try {
            body.put("priority", Long.parseLong(priority));
        } catch (NumberFormatException e) {
            body.put("priority", priority);
        }
    }
}
