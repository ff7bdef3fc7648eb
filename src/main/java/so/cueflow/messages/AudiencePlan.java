package so.cueflow.messages;

import so.cueflow.contacts.ContactConditions;
import so.cueflow.events.ActivityConditions;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.IdSet;
import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.ContactRule;
import so.cueflow.targeting.EventRule;
import so.cueflow.targeting.Group;
import so.cueflow.targeting.Rule;
import so.cueflow.targeting.Targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A targeting as SQL over the contacts of a workspace. {@code exact} is the set of contacts of the groups whose every
 * rule has an exact translation, as one compound SELECT of ids; {@code notExact} the same groups negated, as a
 * condition on a contact row (alias {@code c}). Each other group is a {@link Residual}: SQL for its
 * translatable rules (and a necessary condition for each where rule), and the rules left for the reference evaluator
 * to decide, contact by contact, among the contacts that SQL selects. A preview has no page, so page rules are false.
 */
record AudiencePlan(IdSet.Select exact, SqlCondition notExact, List<Residual> residuals) {

    /** Contacts meeting {@code narrowed} are selected by the group when they also meet every rule of {@code left}. */
    record Residual(SqlCondition narrowed, Targeting left) {
    }

    static AudiencePlan of(Targeting targeting, String workspaceId, long now, Dialect dialect) {
        IdSet.Select everyone = ContactConditions.everyone(workspaceId);
        if (targeting.targetsEveryone()) return new AudiencePlan(everyone, SqlCondition.FALSE, List.of());
        List<IdSet> exactGroups = new ArrayList<>();
        List<SqlCondition> exactConditions = new ArrayList<>();
        List<Residual> residuals = new ArrayList<>();
        for (Group group : targeting.groups()) {
            List<IdSet> sets = new ArrayList<>();
            List<SqlCondition> conditions = new ArrayList<>();
            List<Rule> left = new ArrayList<>();
            for (Rule rule : group.rules()) {
                Optional<IdSet> exact = exactly(rule, workspaceId, now, dialect);
                exact.ifPresentOrElse(sets::add, () -> left.add(rule));
                conditions.add(narrowing(rule, workspaceId, now, dialect));
            }
            if (left.isEmpty()) {
                exactGroups.add(IdSet.intersection(sets, everyone));
                exactConditions.add(SqlCondition.all(conditions));
            } else residuals.add(new Residual(SqlCondition.all(conditions), new Targeting(List.of(new Group(left)))));
        }
        IdSet.Select exact = IdSet.asSelect(IdSet.union(exactGroups, everyone), everyone);
        // The residual groups' contacts are read row by row anyway: the exact groups' rules as conditions on each
        // contact row plan well on both engines there, where a NOT IN or NOT EXISTS over the compound set may not.
        return new AudiencePlan(exact, SqlCondition.any(exactConditions).not(), residuals);
    }

    /** The contacts the rule selects, when SQL decides it exactly. */
    private static Optional<IdSet> exactly(Rule rule, String workspaceId, long now, Dialect dialect) {
        if (rule instanceof EventRule event) {
            return event.where().isEmpty() ? Optional.of(ActivityConditions.contacts(event, workspaceId, now)) : Optional.empty();
        }
        if (rule instanceof ContactRule contact) return ContactConditions.contacts(contact, workspaceId, now, dialect).map(set -> set);
        return Optional.of(IdSet.NONE);
    }

    /** A condition every contact the rule selects meets: the rule itself where SQL decides it. */
    private static SqlCondition narrowing(Rule rule, String workspaceId, long now, Dialect dialect) {
        if (rule instanceof EventRule event) {
            return event.where().isEmpty() ? ActivityConditions.exact(event, workspaceId, now)
                    : ActivityConditions.necessary(event, workspaceId, now);
        }
        if (rule instanceof ContactRule contact) return ContactConditions.of(contact, now, dialect).orElse(SqlCondition.TRUE);
        return SqlCondition.FALSE;
    }
}
