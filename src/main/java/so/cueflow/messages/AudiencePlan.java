package so.cueflow.messages;

import so.cueflow.contacts.ContactConditions;
import so.cueflow.events.ActivityConditions;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.ContactRule;
import so.cueflow.targeting.EventRule;
import so.cueflow.targeting.Group;
import so.cueflow.targeting.Rule;
import so.cueflow.targeting.Targeting;

import java.util.ArrayList;
import java.util.List;

/**
 * A targeting as SQL over the contacts of a workspace. {@code exact} selects the contacts of the groups whose every
 * rule has an exact translation. Each other group is a {@link Residual}: SQL for its translatable rules (and a
 * necessary condition for each where rule), and the rules left for the reference evaluator to decide, contact by
 * contact, among the contacts that SQL selects. A preview has no page, so page rules are false.
 */
record AudiencePlan(SqlCondition exact, List<Residual> residuals) {

    /** Contacts meeting {@code narrowed} are selected by the group when they also meet every rule of {@code left}. */
    record Residual(SqlCondition narrowed, Targeting left) {
    }

    static AudiencePlan of(Targeting targeting, String workspaceId, long now, Dialect dialect) {
        if (targeting.targetsEveryone()) return new AudiencePlan(SqlCondition.TRUE, List.of());
        List<SqlCondition> exactGroups = new ArrayList<>();
        List<Residual> residuals = new ArrayList<>();
        for (Group group : targeting.groups()) {
            List<SqlCondition> conditions = new ArrayList<>();
            List<Rule> left = new ArrayList<>();
            for (Rule rule : group.rules()) {
                Translation translation = translate(rule, workspaceId, now, dialect);
                conditions.add(translation.condition());
                if (!translation.exact()) left.add(rule);
            }
            if (left.isEmpty()) exactGroups.add(SqlCondition.all(conditions));
            else residuals.add(new Residual(SqlCondition.all(conditions), new Targeting(List.of(new Group(left)))));
        }
        return new AudiencePlan(SqlCondition.any(exactGroups), residuals);
    }

    private record Translation(SqlCondition condition, boolean exact) {
    }

    private static Translation translate(Rule rule, String workspaceId, long now, Dialect dialect) {
        if (rule instanceof EventRule event) {
            return event.where().isEmpty() ? new Translation(ActivityConditions.exact(event, workspaceId, now), true)
                    : new Translation(ActivityConditions.necessary(event, workspaceId, now), false);
        }
        if (rule instanceof ContactRule contact) {
            return ContactConditions.of(contact, now, dialect).map(sql -> new Translation(sql, true))
                    .orElse(new Translation(SqlCondition.TRUE, false));
        }
        return new Translation(SqlCondition.FALSE, true);
    }
}
