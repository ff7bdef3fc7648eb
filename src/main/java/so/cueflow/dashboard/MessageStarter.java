package so.cueflow.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.Json;

/** The starting points offered for a new message: blank, or a template with words to adapt. */
public enum MessageStarter {
    BLANK("Blank", "Start from an empty message.", "New message", null, null, null, null, null),
    ANNOUNCEMENT("Announcement", "Tell everyone about something new.",
            "Something new is here", "We shipped a change we think you will like. Take a look at what is new.",
            "See what's new", "/changelog", null, null),
    UPGRADE_PROMPT("Upgrade prompt", "Invite people who hit a limit to a higher plan.",
            "You are close to your plan's limit", "Upgrade to keep going without interruptions.",
            "Upgrade", "/billing", "Not now", null),
    FEATURE_ADOPTION("Feature adoption", "Point people at a feature they have not tried.",
            "Have you tried this?", "A feature that saves time is one click away.",
            "Try it", "/", "Later", null),
    FEEDBACK_REQUEST("Feedback request", "Ask how it is going, in one question.",
            "How are we doing?", "Tell us in two minutes what would make your work easier.",
            "Give feedback", "/feedback", "No thanks", null);

    private final String label;
    private final String description;
    private final String title;
    private final String body;
    private final String primaryText;
    private final String primaryUrl;
    private final String secondaryText;
    private final String secondaryUrl;

    MessageStarter(String label, String description, String title, String body, String primaryText, String primaryUrl,
                   String secondaryText, String secondaryUrl) {
        this.label = label;
        this.description = description;
        this.title = title;
        this.body = body;
        this.primaryText = primaryText;
        this.primaryUrl = primaryUrl;
        this.secondaryText = secondaryText;
        this.secondaryUrl = secondaryUrl;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static MessageStarter parse(String value) {
        for (MessageStarter starter : values()) if (starter.value().equals(value)) return starter;
        return BLANK;
    }

    /** A draft's body as the API takes it: this template's words in a message of {@code type}. */
    ObjectNode body(String type) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("name", label + ("banner".equals(type) ? " banner" : " modal"));
        message.put("type", type);
        ObjectNode content = message.putObject("content");
        content.put("title", title);
        if (body != null) content.put("body", body);
        button(content, "primaryButton", primaryText, primaryUrl);
        button(content, "secondaryButton", secondaryText, secondaryUrl);
        if ("banner".equals(type)) content.put("position", "top");
        return message;
    }

    private static void button(ObjectNode content, String name, String text, String url) {
        if (text == null) return;
        ObjectNode button = content.putObject(name);
        button.put("text", text);
        if (url != null) button.put("url", url);
    }
}
