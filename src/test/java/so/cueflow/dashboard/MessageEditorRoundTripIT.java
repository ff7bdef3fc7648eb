package so.cueflow.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.http.Json;
import so.cueflow.targeting.OperatorTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages made through the API open in the editor unchanged: every operator of every rule type (taken
 * from the parser's own operator table) round-trips through the builder and a save; and the preview
 * draws exactly the DOM the embed script draws on a customer's page, XSS payloads as inert text.
 */
class MessageEditorRoundTripIT {
    private static final String PAYLOAD_TITLE = "<img src=x onerror=\"window.__xss=1\">";
    private static final String PAYLOAD_BODY = "<script>window.__xss=2</script>\n\"quoted\" & <b>bold</b>";
    private static TestServer server;
    private static DashboardBrowser browser;
    private static EditorSite site;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        browser = DashboardBrowser.start(server);
        TestUsers.create(server, "rob@example.test", "Rob Roundtrip", "lab", Role.MEMBER);
        site = new EditorSite(server, "lab");
        site.contact("xss-viewer");
        Thread.sleep(1_100); // servers see embed settings changes within a second
        browser.signIn("rob@example.test", TestUsers.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (site != null) site.close();
        if (server != null) server.close();
    }

    @Test
    void everyOperatorOfEveryRuleTypeOpensAndSavesUnchanged() throws Exception {
        List<Map<String, Object>> rules = allRules();
        Map<String, Object> targeting = Map.of("groups", groupsOf(rules));
        String id = create("round trip", "banner", "{\"title\":\"Hello\"}", Json.writeString(targeting));
        JsonNode original = Json.MAPPER.valueToTree(targeting);

        browser.open("/w/lab/messages/" + id);
        assertThat(MessageEditorBrowserIT.json((String) browser.js("return document.getElementById('targeting').value")))
                .isEqualTo(original);
        assertThat(browser.js("return Array.from(document.querySelectorAll('#builder [data-path$=\".operator\"]'))"
                + ".map(function (s) { return s.value; })")).isEqualTo(operatorsInOrder(rules));
        browser.screenshots("messages-round-trip");
        browser.clickAndWait("#save");
        assertThat(browser.find(".notice").getText()).isEqualTo("Saved.");
        JsonNode saved = server.get(site.secretKey, "/api/v1/messages/" + id).json().path("message").path("targeting");
        assertThat(saved).isEqualTo(original);
    }

    @Test
    void previewAndEmbedDrawTheSameDomWithPayloadsAsText() throws Exception {
        String content = Json.writeString(Map.of("title", PAYLOAD_TITLE, "body", PAYLOAD_BODY,
                "primaryButton", Map.of("text", "<b>Go</b>", "url", "/go"),
                "secondaryButton", Map.of("text", "\"><svg onload=alert(1)>")));
        String viewer = "{\"groups\":[{\"rules\":[{\"type\":\"contact\",\"field\":\"externalId\",\"operator\":\"equals\",\"value\":\"xss-viewer\"}]}]}";
        Map<String, String> previews = new LinkedHashMap<>();
        for (String type : List.of("banner", "modal")) {
            String id = create("xss " + type, type, content, viewer);
            assertThat(server.post(site.secretKey, "/api/v1/messages/" + id + "/publish", "{}").status()).isEqualTo(200);
            browser.open("/w/lab/messages/" + id);
            browser.await(d -> shadowHtml(id) != null, "the preview of the " + type);
            previews.put(id, shadowHtml(id));
            browser.screenshots("messages-preview-xss-" + type);
        }
        browser.driver().get(site.pageFor("xss-viewer"));
        browser.await(d -> previews.keySet().stream().allMatch(id -> shadowHtml(id) != null), "both messages on the page");
        browser.screenshots("messages-embed-xss");
        for (var preview : previews.entrySet()) {
            assertThat(shadowHtml(preview.getKey())).isEqualTo(preview.getValue());
            assertThat(preview.getValue()).contains("&lt;img src=x").doesNotContain("<img", "<script", "<svg", "<b>");
            assertThat(browser.js("return document.querySelector('[data-cueflow-message=\"' + arguments[0] + '\"]')"
                    + ".shadowRoot.querySelector('.title').textContent", preview.getKey())).isEqualTo(PAYLOAD_TITLE);
        }
        assertThat(browser.js("return window.__xss === undefined")).isEqualTo(true);
    }

    private static String create(String name, String type, String content, String targeting) {
        TestServer.Reply created = server.post(site.secretKey, "/api/v1/messages", "{\"name\":\"" + name + "\",\"type\":\"" + type
                + "\",\"content\":" + content + ",\"targeting\":" + targeting + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("message").path("id").asText();
    }

    private static String shadowHtml(String messageId) {
        return (String) browser.js("var host = document.querySelector('cueflow-message[data-cueflow-message=\"' + arguments[0] + '\"]');"
                + " return host && host.shadowRoot ? host.shadowRoot.innerHTML : null;", messageId);
    }

    /** One rule per operator and rule type, with the parameters the table says each takes. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> allRules() {
        Map<String, Object> table = OperatorTable.asJson();
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> op : (List<Map<String, Object>>) table.get("event")) {
            Map<String, Object> rule = rule("type", "event", "eventKey", "report_exported", "operator", op.get("name"));
            for (String parameter : concat((List<String>) op.get("required"), (List<String>) op.get("optional"))) {
                rule.put(parameter, switch (parameter) {
                    case "value" -> 3;
                    case "withinDays" -> 30;
                    default -> 7;
                });
            }
            rules.add(rule);
        }
        List<Map<String, Object>> where = new ArrayList<>();
        for (String op : (List<String>) table.get("propertyOperators")) where.add(comparison(rule("property", "format"), op, "custom", table));
        rules.add(rule("type", "event", "eventKey", "report_exported", "operator", "has_done", "where", where));
        Map<String, String> fields = Map.of("text", "plan", "date", "signedUpAt", "custom", "customAttributes.seats");
        Map<String, List<String>> byKind = (Map<String, List<String>>) table.get("fieldOperators");
        for (String kind : List.of("text", "date", "custom")) {
            for (String op : byKind.get(kind)) rules.add(comparison(rule("type", "contact", "field", fields.get(kind)), op, kind, table));
        }
        for (String field : (List<String>) table.get("pageFields")) {
            for (String op : (List<String>) table.get("pageOperators")) {
                rules.add(rule("type", "page", "field", field, "operator", op, "value", "/settings"));
            }
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> comparison(Map<String, Object> holder, String op, String kind, Map<String, Object> table) {
        holder.put("operator", op);
        Map<String, Object> row = ((List<Map<String, Object>>) table.get("value")).stream()
                .filter(candidate -> candidate.get("name").equals(op)).findFirst().orElseThrow();
        boolean textOnly = (Boolean) row.get("textOnly") || kind.equals("text");
        switch ((String) row.get("input")) {
            case "days" -> holder.put("days", 14);
            case "range" -> holder.put("value", kind.equals("date") ? List.of("2026-01-01", "2026-06-30") : List.of(1, 10));
            case "value" -> holder.put("value", textOnly ? "pro" : kind.equals("date") ? "2026-01-01"
                    : switch (op) {
                        case "equals" -> 42;
                        case "not_equals" -> true;
                        case "greater_than" -> 2.5;
                        default -> 100;
                    });
            default -> { }
        }
        return holder;
    }

    private static List<Object> operatorsInOrder(List<Map<String, Object>> rules) {
        List<Object> operators = new ArrayList<>();
        for (Map<String, Object> rule : rules) {
            operators.add(rule.get("operator"));
            if (rule.get("where") instanceof List<?> where) where.forEach(condition -> operators.add(((Map<?, ?>) condition).get("operator")));
        }
        return operators;
    }

    private static List<Map<String, Object>> groupsOf(List<Map<String, Object>> rules) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int from = 0; from < rules.size(); from += 20) {
            groups.add(Map.of("rules", rules.subList(from, Math.min(rules.size(), from + 20))));
        }
        return groups;
    }

    private static Map<String, Object> rule(Object... pairs) {
        Map<String, Object> rule = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) rule.put((String) pairs[i], pairs[i + 1]);
        return rule;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
