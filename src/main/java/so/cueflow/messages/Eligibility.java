package so.cueflow.messages;

import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.storage.CorrelatedValue;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.Explanation;
import so.cueflow.targeting.Page;
import so.cueflow.targeting.Subject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which published messages a contact sees now: scheduled, allowed by frequency, selected by targeting. */
public final class Eligibility {
    private final PublishedMessages published;
    private final MessageStore messages;
    private final ContactStore contacts;
    private final Subjects subjects;
    private final Clock clock;
    private final List<CorrelatedValue> readWithContact;
    private final Map<String, KeysOfList> keySets = new ConcurrentHashMap<>();

    /** The keys a published-message list needs, derived once per list (the cache hands out the same list). */
    private record KeysOfList(List<Message> messages, KeySets keys) {
    }

    public Eligibility(PublishedMessages published, MessageStore messages, ContactStore contacts, Subjects subjects, Clock clock) {
        this.published = published;
        this.messages = messages;
        this.contacts = contacts;
        this.subjects = subjects;
        this.clock = clock;
        this.readWithContact = List.of(EventStore.EVENT_COUNT, messages.interactionsOfContact());
    }

    /**
     * Blocking. Every published message's verdict for the contact of {@code externalId}, eligible ones first by
     * priority (highest first); empty when there is no such contact. One read finds the contact, its event count and
     * its interactions; its events are read only when the count differs from the one they were kept at.
     */
    public Optional<List<Verdict>> evaluate(String workspaceId, String externalId, Page page, boolean explain) {
        return contacts.findWith(workspaceId, externalId, readWithContact)
                .map(found -> evaluate(workspaceId, found, page, explain));
    }

    /** Blocking. As {@link #evaluate(String, String, Page, boolean)} for a contact already read. */
    public List<Verdict> evaluate(String workspaceId, Contact contact, Page page, boolean explain) {
        ContactStore.ContactWith found = contacts.findByIdWith(workspaceId, contact.id(), readWithContact)
                .orElseGet(() -> new ContactStore.ContactWith(contact, Arrays.asList("0", null)));
        return evaluate(workspaceId, found, page, explain);
    }

    private List<Verdict> evaluate(String workspaceId, ContactStore.ContactWith found, Page page, boolean explain) {
        Contact contact = found.contact();
        long eventCount = Long.parseLong(found.values().get(0));
        Map<String, MessageStore.Interactions> interactions = MessageStore.interactionsFrom(found.values().get(1));
        List<Message> candidates = published.of(workspaceId);
        KeySets keys = keysOf(workspaceId, candidates);
        Subject subject = new Subject(Subjects.fields(contact), subjects.activityOf(workspaceId, contact.id(), eventCount, keys), page);
        Evaluator evaluator = new Evaluator(clock);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Verdict> verdicts = new ArrayList<>();
        for (Message message : candidates) {
            Verdict.Reason blocked = blockedBy(message, today, interactions.get(message.id()));
            boolean matches = evaluator.matches(message.rules(), subject);
            Explanation explanation = explain ? evaluator.explain(message.rules(), subject) : null;
            Verdict.Reason reason = blocked != null ? blocked : matches ? Verdict.Reason.ELIGIBLE : Verdict.Reason.TARGETING;
            verdicts.add(new Verdict(message, reason, explanation));
        }
        verdicts.sort(Comparator.comparing((Verdict v) -> !v.eligible())
                .thenComparing(v -> -v.message().priority())
                .thenComparing(v -> v.message().id()));
        return verdicts;
    }

    private KeySets keysOf(String workspaceId, List<Message> candidates) {
        KeysOfList known = keySets.get(workspaceId);
        if (known != null && known.messages() == candidates) return known.keys();
        KeySets keys = KeySets.of(candidates);
        keySets.put(workspaceId, new KeysOfList(candidates, keys));
        return keys;
    }

    private static Verdict.Reason blockedBy(Message message, LocalDate today, MessageStore.Interactions seen) {
        if (!message.scheduledOn(today)) return Verdict.Reason.SCHEDULE;
        if (seen == null) return null;
        return switch (message.frequency()) {
            case ONCE -> seen.viewed() ? Verdict.Reason.ALREADY_SEEN : null;
            case UNTIL_DISMISSED -> seen.dismissed() ? Verdict.Reason.DISMISSED : null;
            default -> null;
        };
    }

    public static Map<String, Object> view(Verdict verdict) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("message", verdict.message());
        view.put("eligible", verdict.eligible());
        view.put("reason", verdict.reason().wireText());
        view.put("explanation", verdict.explanation() == null ? null : ExplanationView.of(verdict.explanation()));
        return view;
    }
}
