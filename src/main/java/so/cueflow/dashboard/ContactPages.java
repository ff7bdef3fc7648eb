package so.cueflow.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.attributes.Attribute;
import so.cueflow.attributes.AttributeStore;
import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactChanges;
import so.cueflow.contacts.ContactListStore;
import so.cueflow.contacts.ContactStore;
import so.cueflow.contacts.ContactValidator;
import so.cueflow.events.EventStore;
import so.cueflow.http.ApiError;
import so.cueflow.http.Json;
import so.cueflow.http.Times;
import so.cueflow.messages.Eligibility;
import so.cueflow.messages.ExplanationView;
import so.cueflow.messages.MessageStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A contact's page: Profile (inline edit), Attributes, Events, Messages; and its erasure after a confirmation. */
public final class ContactPages {
    static final int EVENTS_PAGE = 25;
    public static final List<String> PROFILE_FIELDS = List.of("email", "name", "phone", "avatarUrl", "role", "plan", "signedUpAt");

    private final ContactListStore list;
    private final ContactStore contacts;
    private final EventStore events;
    private final AttributeStore attributes;
    private final Eligibility eligibility;
    private final MessageStore messages;
    private final Clock clock;

    ContactPages(ContactListStore list, ContactStore contacts, EventStore events, AttributeStore attributes,
                 Eligibility eligibility, MessageStore messages, Clock clock) {
        this.list = list;
        this.contacts = contacts;
        this.events = events;
        this.attributes = attributes;
        this.eligibility = eligibility;
        this.messages = messages;
        this.clock = clock;
    }

    public enum Tab { PROFILE, ATTRIBUTES, EVENTS, MESSAGES }

    public record AttributeRow(String key, String value, String declaredType) {
    }

    public record Verdict(String message, boolean eligible, String reason, String explanation) {
    }

    public record ContactView(Contact contact, Tab tab, Form profile, boolean saved, List<AttributeRow> attributes,
                              EventStore.Page events, List<Verdict> verdicts, List<MessageStore.HistoryItem> history) {
    }

    public record Erase(Contact contact, long events) {
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/contacts/:id", Access.MEMBER, this::show);
        routes.post("/w/:workspace/contacts/:id/profile", Access.MEMBER, this::saveProfile);
        routes.get("/w/:workspace/contacts/:id/erase", Access.MEMBER, this::confirmErase);
        routes.post("/w/:workspace/contacts/:id/erase", Access.MEMBER, this::erase);
    }

    private Contact contact(PageRequest request) {
        return list.byId(request.workspace().id(), request.param("id")).orElseThrow(PageError::notFound);
    }

    private Reply show(PageRequest request) {
        Contact contact = contact(request);
        Tab tab = tab(request.query("tab"));
        return Reply.page(title(contact), Section.CONTACTS, "contacts/show.jte",
                view(request, contact, tab, profileForm(contact), "1".equals(request.query("saved"))));
    }

    private ContactView view(PageRequest request, Contact contact, Tab tab, Form profile, boolean saved) {
        String workspaceId = request.workspace().id();
        return switch (tab) {
            case PROFILE -> new ContactView(contact, tab, profile, saved, List.of(), null, List.of(), List.of());
            case ATTRIBUTES -> new ContactView(contact, tab, profile, false, attributeRows(workspaceId, contact), null, List.of(), List.of());
            case EVENTS -> new ContactView(contact, tab, profile, false, List.of(), timeline(request, contact), List.of(), List.of());
            case MESSAGES -> new ContactView(contact, tab, profile, false, List.of(), null, verdicts(workspaceId, contact),
                    messages.history(workspaceId, contact.id(), 50));
        };
    }

    private EventStore.Page timeline(PageRequest request, Contact contact) {
        try {
            return events.timeline(request.workspace().id(), contact.id(), contact.externalId(), EVENTS_PAGE, request.query("cursor"));
        } catch (ApiError e) {
            throw new PageError(400, "That page of events does not exist; go back to the first page.");
        }
    }

    private List<Verdict> verdicts(String workspaceId, Contact contact) {
        List<Verdict> verdicts = new ArrayList<>();
        for (so.cueflow.messages.Verdict verdict : eligibility.explain(workspaceId, contact, null)) {
            verdicts.add(new Verdict(verdict.message().name(), verdict.eligible(), verdict.reason().wireText(),
                    Json.writeString(verdict.explanation() == null ? null : ExplanationView.of(verdict.explanation()))));
        }
        return verdicts;
    }

    private List<AttributeRow> attributeRows(String workspaceId, Contact contact) {
        Map<String, String> declared = new LinkedHashMap<>();
        for (Attribute attribute : attributes.list(workspaceId)) declared.put(attribute.key(), attribute.type().wireName());
        List<AttributeRow> rows = new ArrayList<>();
        JsonNode values = Json.parse(contact.customAttributes().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String shown = entry.getValue().isTextual() ? entry.getValue().textValue() : entry.getValue().toString();
            rows.add(new AttributeRow(entry.getKey(), shown, declared.get(entry.getKey())));
        }
        return rows;
    }

    private Reply saveProfile(PageRequest request) {
        Contact contact = contact(request);
        Form form = request.form();
        ObjectNode body = Json.MAPPER.createObjectNode();
        for (String field : PROFILE_FIELDS) {
            String value = form.trimmed(field);
            if (value == null) body.putNull(field);
            else body.put(field, value);
        }
        try {
            ContactChanges changes = ContactValidator.forPatch(body, contact.externalId());
            contacts.patch(request.workspace().id(), contact.externalId(), changes, clock.millis()).orElseThrow(PageError::notFound);
        } catch (ApiError error) {
            error.details().forEach(problem -> form.reject(problem.field(), problem.message()));
            if (error.details().isEmpty()) form.reject("email", error.getMessage());
            return new Reply.View(400, title(contact), Section.CONTACTS, "contacts/show.jte",
                    view(request, contact, Tab.PROFILE, form, false));
        }
        return Reply.redirect(request.membership() == null ? "/" : Frame.workspaceHref(request.membership(), "contacts/" + contact.id() + "?saved=1"));
    }

    private Reply confirmErase(PageRequest request) {
        Contact contact = contact(request);
        return Reply.page("Erase " + contact.externalId(), Section.CONTACTS, "contacts/erase.jte",
                new Erase(contact, events.countOf(request.workspace().id(), contact.id())));
    }

    private Reply erase(PageRequest request) {
        Contact contact = contact(request);
        contacts.erase(request.workspace().id(), contact.id());
        return Reply.redirect(Frame.workspaceHref(request.membership(), "contacts?erased=" + Links.encode(contact.externalId())));
    }

    private static Form profileForm(Contact contact) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("email", contact.email());
        values.put("name", contact.name());
        values.put("phone", contact.phone());
        values.put("avatarUrl", contact.avatarUrl());
        values.put("role", contact.role());
        values.put("plan", contact.plan());
        values.put("signedUpAt", Times.format(contact.signedUpAtMillis()));
        values.values().removeIf(java.util.Objects::isNull);
        return Form.of(values);
    }

    private static Tab tab(String value) {
        if (value == null) return Tab.PROFILE;
        for (Tab tab : Tab.values()) if (tab.name().equalsIgnoreCase(value)) return tab;
        return Tab.PROFILE;
    }

    private static String title(Contact contact) {
        return "Contact " + contact.externalId();
    }
}
