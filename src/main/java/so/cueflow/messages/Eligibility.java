package so.cueflow.messages;

import so.cueflow.contacts.Contact;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.Explanation;
import so.cueflow.targeting.Page;
import so.cueflow.targeting.Subject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which published messages a contact sees now: scheduled, allowed by frequency, selected by targeting. */
public final class Eligibility {
    private final PublishedMessages published;
    private final MessageStore messages;
    private final Subjects subjects;
    private final Clock clock;
    private final Map<String, KeySets> keySets = new ConcurrentHashMap<>();

    /** The event keys a published-message list needs loaded, derived once per list (the cache hands out the same list). */
    private record KeySets(List<Message> messages, Set<String> withEvents, Set<String> withProperties) {

        static KeySets of(List<Message> messages) {
            Set<String> withEvents = new HashSet<>();
            Set<String> withProperties = new HashSet<>();
            messages.forEach(message -> {
                withEvents.addAll(message.rules().eventKeysNeedingEvents());
                withProperties.addAll(message.rules().eventKeysNeedingProperties());
            });
            return new KeySets(messages, Set.copyOf(withEvents), Set.copyOf(withProperties));
        }
    }

    public Eligibility(PublishedMessages published, MessageStore messages, Subjects subjects, Clock clock) {
        this.published = published;
        this.messages = messages;
        this.subjects = subjects;
        this.clock = clock;
    }

    /** Blocking. Every published message's verdict, eligible ones first by priority (highest first). */
    public List<Verdict> evaluate(String workspaceId, Contact contact, Page page, boolean explain) {
        List<Message> candidates = published.of(workspaceId);
        KeySets keys = keySets.compute(workspaceId, (id, known) -> known != null && known.messages() == candidates ? known
                : KeySets.of(candidates));
        Subject subject = subjects.of(workspaceId, contact, keys.withEvents(), keys.withProperties(), page);
        Map<String, MessageStore.Interactions> interactions = messages.interactionsOf(workspaceId, contact.id());
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
