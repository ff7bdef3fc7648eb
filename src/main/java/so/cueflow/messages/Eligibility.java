package so.cueflow.messages;

import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.storage.CorrelatedValue;
import so.cueflow.targeting.CompiledTargetings;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.Explanation;
import so.cueflow.targeting.Page;
import so.cueflow.targeting.Subject;
import so.cueflow.targeting.Targeting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** Which published messages a contact sees now: scheduled, allowed by frequency, selected by targeting. */
public final class Eligibility {
    private static final Comparator<Message> LISTING_ORDER = Comparator.comparing((Message m) -> -m.priority()).thenComparing(Message::id);

    private final PublishedMessages published;
    private final ContactStore contacts;
    private final Subjects subjects;
    private final Clock clock;
    private final List<CorrelatedValue> readWithContact;
    private final ContactStore.BatchedFind findWithContact;
    private final Map<String, Compiled> compiledByWorkspace = new ConcurrentHashMap<>();

    /**
     * A published list (as the cache hands it out, so identity tells it) in listing order — highest priority first,
     * then by id — with its targetings compiled together. A list re-read with the same targetings in the same order
     * keeps the compiled ones, and with them the facts kept of every contact.
     */
    private record Compiled(List<Message> published, List<Message> ordered, List<Targeting> rules, CompiledTargetings targetings) {

        static Compiled of(List<Message> published, Compiled previous) {
            List<Message> ordered = published.stream().sorted(LISTING_ORDER).toList();
            List<Targeting> rules = ordered.stream().map(Message::rules).toList();
            CompiledTargetings targetings = previous != null && previous.rules().equals(rules)
                    ? previous.targetings() : CompiledTargetings.of(rules);
            return new Compiled(published, ordered, rules, targetings);
        }
    }

    public Eligibility(PublishedMessages published, MessageStore messages, ContactStore contacts, Subjects subjects, Clock clock) {
        this.published = published;
        this.contacts = contacts;
        this.subjects = subjects;
        this.clock = clock;
        this.readWithContact = List.of(EventStore.EVENT_COUNT, messages.interactionsOfContact());
        this.findWithContact = contacts.batchedFindWith(readWithContact);
    }

    /**
     * Blocking. Every published message's verdict for the contact of {@code externalId}, eligible ones first, each part
     * by priority (highest first), each explained by the reference evaluator over the contact's activity read now;
     * empty when there is no such contact. Page views take {@link #evaluateLater}.
     */
    public Optional<List<Verdict>> explain(String workspaceId, String externalId, Page page) {
        return findWithContact.find(workspaceId, externalId).map(found -> explain(workspaceId, found, page));
    }

    /** Blocking. As {@link #explain(String, String, Page)} for a contact already read. */
    public List<Verdict> explain(String workspaceId, Contact contact, Page page) {
        ContactStore.ContactWith found = contacts.findByIdWith(workspaceId, contact.id(), readWithContact)
                .orElseGet(() -> new ContactStore.ContactWith(contact, Arrays.asList("0", null)));
        return explain(workspaceId, found, page);
    }

    /**
     * Every published message's verdict for the contact of {@code externalId}, eligible ones first, each part by
     * priority (highest first); empty when there is no such contact. Without blocking the caller: one read finds the
     * contact, its event count and its interactions, and the answer completes on that read's thread, or on
     * {@code blocking} when the contact's facts must be read from its activity (they were not kept, or its event count
     * moved since).
     */
    public CompletableFuture<Optional<List<Verdict>>> evaluateLater(String workspaceId, String externalId, Page page,
                                                                    Executor blocking) {
        return findWithContact.ask(workspaceId, externalId).thenCompose(found -> {
            if (found.isEmpty()) return CompletableFuture.completedFuture(Optional.empty());
            Asked asked = asked(workspaceId, found.get(), page);
            Subjects.Evaluated kept = subjects.kept(workspaceId, asked.contact(), asked.eventCount(), asked.targetings());
            if (kept.facts() != null) return CompletableFuture.completedFuture(Optional.of(verdicts(asked, kept)));
            return CompletableFuture.supplyAsync(() -> Optional.of(verdicts(asked,
                    subjects.withFactsRead(workspaceId, asked.contact(), kept.fields(), asked.targetings()))), blocking);
        });
    }

    /** What the verdicts on one contact need besides its facts: the contact as read, the published list, the time. */
    private record Asked(Contact contact, long eventCount, Map<String, MessageStore.Interactions> interactions,
                         Compiled compiled, Page page, long now, LocalDate today) {

        CompiledTargetings targetings() {
            return compiled.targetings();
        }
    }

    private Asked asked(String workspaceId, ContactStore.ContactWith found, Page page) {
        long eventCount = Long.parseLong(found.values().get(0));
        Map<String, MessageStore.Interactions> interactions = MessageStore.interactionsFrom(found.values().get(1));
        Compiled compiled = compiledOf(workspaceId, published.of(workspaceId));
        long now = clock.millis();
        LocalDate today = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(now), ZoneOffset.UTC);
        return new Asked(found.contact(), eventCount, interactions, compiled, page, now, today);
    }

    private List<Verdict> explain(String workspaceId, ContactStore.ContactWith found, Page page) {
        Asked asked = asked(workspaceId, found, page);
        return explained(workspaceId, asked.contact(), page, asked.compiled().ordered(), asked.interactions(), asked.now(),
                asked.today());
    }

    private List<Verdict> verdicts(Asked asked, Subjects.Evaluated evaluated) {
        List<Message> ordered = asked.compiled().ordered();
        List<Verdict> eligible = new ArrayList<>(ordered.size());
        List<Verdict> others = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            Message message = ordered.get(i);
            boolean matches = asked.targetings().matches(i, evaluated.facts(), evaluated.fields(), asked.page(), asked.now());
            Verdict verdict = verdict(message, asked.today(), asked.interactions().get(message.id()), matches, null);
            (verdict.eligible() ? eligible : others).add(verdict);
        }
        eligible.addAll(others);
        return eligible;
    }

    /** The reference evaluator's verdicts and explanations, over the contact's activity read now (nothing kept). */
    private List<Verdict> explained(String workspaceId, Contact contact, Page page, List<Message> ordered,
                                    Map<String, MessageStore.Interactions> interactions, long now, LocalDate today) {
        Set<String> withEvents = new HashSet<>();
        Set<String> withProperties = new HashSet<>();
        for (Message message : ordered) {
            withEvents.addAll(message.rules().eventKeysNeedingEvents());
            withProperties.addAll(message.rules().eventKeysNeedingProperties());
        }
        Subject subject = subjects.of(workspaceId, contact, withEvents, withProperties, page);
        Evaluator evaluator = new Evaluator(Clock.fixed(java.time.Instant.ofEpochMilli(now), ZoneOffset.UTC));
        List<Verdict> verdicts = new ArrayList<>();
        for (Message message : ordered) {
            Targeting rules = message.rules();
            Explanation explanation = evaluator.explain(rules, subject);
            verdicts.add(verdict(message, today, interactions.get(message.id()), explanation.matches(), explanation));
        }
        verdicts.sort(Comparator.comparing((Verdict v) -> !v.eligible()));
        return verdicts;
    }

    private Compiled compiledOf(String workspaceId, List<Message> list) {
        Compiled known = compiledByWorkspace.get(workspaceId);
        if (known != null && known.published() == list) return known;
        Compiled compiled = Compiled.of(list, known);
        compiledByWorkspace.put(workspaceId, compiled);
        return compiled;
    }

    private static Verdict verdict(Message message, LocalDate today, MessageStore.Interactions seen, boolean matches,
                                   Explanation explanation) {
        Verdict.Reason blocked = blockedBy(message, today, seen);
        Verdict.Reason reason = blocked != null ? blocked : matches ? Verdict.Reason.ELIGIBLE : Verdict.Reason.TARGETING;
        return new Verdict(message, reason, matches, explanation);
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
