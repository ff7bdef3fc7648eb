package so.cueflow.dashboard;

import so.cueflow.attributes.Attribute;
import so.cueflow.attributes.AttributeStore;
import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactCursor;
import so.cueflow.contacts.ContactListStore;
import so.cueflow.contacts.ContactSearch;
import so.cueflow.contacts.ContactSort;
import so.cueflow.events.DayCounts;
import so.cueflow.events.EventDayStore;
import so.cueflow.messages.AudienceScan;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Contacts: search, sort, filter by rule rows, cursor paging both ways, and the streamed CSV export of the same list. */
public final class ContactListPages {
    static final int PAGE_SIZE = 50;

    private final ContactListStore contacts;
    private final AudienceScan audience;
    private final AttributeStore attributes;
    private final EventDayStore days;
    private final Clock clock;

    ContactListPages(ContactListStore contacts, AudienceScan audience, AttributeStore attributes, EventDayStore days, Clock clock) {
        this.contacts = contacts;
        this.audience = audience;
        this.attributes = attributes;
        this.days = days;
        this.clock = clock;
    }

    /** Hrefs are relative to the workspace ({@code frame.href(…)}); null when there is no such page. */
    public record ContactList(List<Contact> rows, String search, ContactSort sort, List<ContactSort> sorts, ContactFilter filter,
                              String newerHref, String olderHref, String exportHref, boolean workspaceEmpty, String origin,
                              List<String> fieldSuggestions, List<String> eventKeys, String erased) {
        public int ruleRows() {
            return ContactFilter.ROWS;
        }
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/contacts", Access.MEMBER, this::list);
        routes.get("/w/:workspace/contacts/export.csv", Access.MEMBER, this::export);
    }

    private record Query(ContactSearch search, ContactSort sort, ContactFilter filter) {
        static Query of(PageRequest request) {
            return new Query(new ContactSearch(request.query("q")),
                    ContactSort.fromParam(request.query("sort")).orElse(ContactSort.LAST_SEEN), ContactFilter.of(request));
        }

        Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (!search.isEmpty()) parameters.put("q", search.text().trim());
            parameters.put("sort", sort.param());
            parameters.putAll(filter.parameters());
            return parameters;
        }

        String href(String base, String cursorName, String cursor) {
            Map<String, String> parameters = parameters();
            parameters.put(cursorName, cursor);
            return Links.with(base, parameters);
        }
    }

    private Reply list(PageRequest request) {
        String workspaceId = request.workspace().id();
        Query query = Query.of(request);
        List<Contact> rows = List.of();
        String newer = null;
        String older = null;
        if (query.filter().active()) {
            String after = request.query("after");
            rows = filtered(workspaceId, query, after);
            if (rows.size() > PAGE_SIZE) {
                rows = rows.subList(0, PAGE_SIZE);
                older = query.href("contacts", "after", rows.get(rows.size() - 1).id());
            }
            if (after != null) newer = query.href("contacts", "after", null);
        } else if (query.filter().valid()) {
            ContactListStore.Page page = contacts.page(workspaceId, query.search(), query.sort(),
                    ContactCursor.decode(request.query("cursor")).orElse(null), PAGE_SIZE);
            rows = page.contacts();
            newer = page.newer() == null ? null : query.href("contacts", "cursor", page.newer().encode());
            older = page.older() == null ? null : query.href("contacts", "cursor", page.older().encode());
        }
        boolean empty = rows.isEmpty() && query.search().isEmpty() && !query.filter().active() && contacts.count(workspaceId) == 0;
        ContactList model = new ContactList(rows, query.search().isEmpty() ? "" : query.search().text(), query.sort(),
                List.of(ContactSort.values()), query.filter(), newer, older, Links.with("contacts/export.csv", query.parameters()),
                empty, request.baseUrl(), fieldSuggestions(workspaceId), eventKeys(workspaceId), request.query("erased"));
        return new Reply.View(query.filter().valid() ? 200 : 400, "Contacts", Section.CONTACTS, "contacts/list.jte", model);
    }

    /** Matches in creation order after {@code after}: one more than a page, to know whether there is a next one. */
    private List<Contact> filtered(String workspaceId, Query query, String after) {
        List<Contact> rows = new ArrayList<>();
        audience.forEachMatch(workspaceId, query.filter().targeting(), query.search(), after, contact -> {
            rows.add(contact);
            return rows.size() <= PAGE_SIZE;
        });
        return rows;
    }

    private Reply export(PageRequest request) {
        String workspaceId = request.workspace().id();
        Query query = Query.of(request);
        if (!query.filter().valid()) throw new PageError(400, "The filter is not valid: " + String.join("; ", query.filter().form().errors().values()));
        return new Reply.Download("contacts.csv", "text/csv; charset=utf-8", out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
            ContactCsv.header(writer);
            if (query.filter().active()) {
                audience.forEachMatch(workspaceId, query.filter().targeting(), query.search(), null, contact -> {
                    ContactCsv.write(writer, contact);
                    return true;
                });
            } else {
                contacts.stream(workspaceId, query.search(), query.sort(), contact -> ContactCsv.write(writer, contact));
            }
            writer.flush();
        });
    }

    private List<String> fieldSuggestions(String workspaceId) {
        List<String> fields = new ArrayList<>(List.of("externalId", "email", "name", "phone", "role", "plan", "signedUpAt",
                "createdAt", "lastSeenAt"));
        for (Attribute attribute : attributes.list(workspaceId)) fields.add("customAttributes." + attribute.key());
        return fields;
    }

    private List<String> eventKeys(String workspaceId) {
        return days.totals(workspaceId, 0, DayCounts.dayOf(clock.millis()) + 2).stream().map(EventDayStore.KeyTotal::eventKey).sorted().toList();
    }
}
