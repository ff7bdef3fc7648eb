package so.cueflow.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.Fields;

import java.util.Set;

/** A contact's view, click (of which button) or dismissal of a message. */
public record Interaction(String externalId, String kind, String button) {
    private static final Set<String> KINDS = Set.of("view", "click", "dismiss");
    private static final Set<String> BUTTONS = Set.of("primary", "secondary");

    public static Interaction parse(ObjectNode body) {
        Fields fields = new Fields(body);
        fields.rejectUnknown(Set.of("externalId", "kind", "button"));
        String externalId = fields.requiredString("externalId", 255);
        String kind = fields.requiredString("kind", 20);
        String button = fields.optionalString("button", 20);
        if (kind != null && !KINDS.contains(kind)) fields.problem("kind", "must be view, click or dismiss");
        if ("click".equals(kind) && button == null) fields.problem("button", "is required for a click: primary or secondary");
        if (button != null && !BUTTONS.contains(button)) fields.problem("button", "must be primary or secondary");
        if (button != null && kind != null && !"click".equals(kind)) fields.problem("button", "applies to clicks only");
        fields.throwIfInvalid();
        return new Interaction(externalId, kind, button);
    }
}
