package so.cueflow.messages;

import so.cueflow.contacts.Contact;
import so.cueflow.targeting.Evaluator;
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

/** Which published messages a contact sees now: scheduled, allowed by frequency, selected by targeting. */
public final class Eligibility {
    private final PublishedMessages published;
    private final MessageStore messages;
    private final Subjects subjects;
    private final Clock clock;

    public Eligibility(PublishedMessages published, MessageStore messages, Subjects subjects, Clock clock) {
        this.published = published;
        this.messages = messages;
        this.subjects = subjects;
        this.clock = clock;
    }

    public record Verdict(Message message, boolean eligible, String reason, Object explanation) {
    }

    /** Blocking. Every published message's verdict, eligible ones first by priority (highest first). */
    public List<Verdict> evaluate(String workspaceId, Contact contact, Page page, boolean explain) {
        List<Message> candidates = published.of(workspaceId);
        Set<String> keysNeedingEvents = new HashSet<>();
        candidates.forEach(message -> keysNeedingEvents.addAll(message.rules().eventKeysNeedingEvents()));
        Subject subject = subjects.of(workspaceId, contact, keysNeedingEvents, page);
        Map<String, MessageStore.Interactions> interactions = messages.interactionsOf(workspaceId, contact.id());
        Evaluator evaluator = new Evaluator(clock);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Verdict> verdicts = new ArrayList<>();
        for (Message message : candidates) {
            String blocked = blockedBy(message, today, interactions.get(message.id()));
            boolean matches = evaluator.matches(message.rules(), subject);
            Object explanation = explain ? evaluator.explain(message.rules(), subject) : null;
            String reason = blocked != null ? blocked : matches ? "eligible" : "targeting";
            verdicts.add(new Verdict(message, blocked == null && matches, reason, explanation));
        }
        verdicts.sort(Comparator.comparing((Verdict v) -> !v.eligible())
                .thenComparing(v -> -v.message().priority())
                .thenComparing(v -> v.message().id()));
        return verdicts;
    }

    private static String blockedBy(Message message, LocalDate today, MessageStore.Interactions seen) {
        if (!message.scheduledOn(today)) return "schedule";
        if (seen == null) return null;
        return switch (message.frequency()) {
            case "once" -> seen.viewed() ? "frequency: already seen" : null;
            case "until_dismissed" -> seen.dismissed() ? "frequency: dismissed" : null;
            default -> null;
        };
    }

    public static Map<String, Object> view(Verdict verdict) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("message", verdict.message());
        view.put("eligible", verdict.eligible());
        view.put("reason", verdict.reason());
        view.put("explanation", verdict.explanation());
        return view;
    }
}
