package so.cueflow.messages;

import so.cueflow.contacts.ContactConditions;
import so.cueflow.events.ActivityConditions;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.IdSet;
import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.EventRule;
import so.cueflow.targeting.Group;
import so.cueflow.targeting.Rule;
import so.cueflow.targeting.Targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A targeting as SQL over the contacts of a workspace. {@code exact} is the set of contacts that SQL alone decides
 * the targeting selects, as one compound SELECT of ids; {@code notExact} the same set as a condition on a contact
 * row (alias {@code c}), negated. The rest is in {@link Residual}s: per group, SQL narrowing the contacts to those
 * the group may select, and the rules left for the reference evaluator to decide, contact by contact. A rule is
 * left when SQL does not translate it at all, or for the contacts SQL is unsure of (see {@link RuleSql}). A preview
 * has no page, so page rules are false.
 */
record AudiencePlan(IdSet.Select exact, SqlCondition notExact, List<Residual> residuals) {

    /**
     * Contacts meeting {@code narrowed} are selected by the group when they also meet every rule of {@code left}.
     * {@code among}, when not null, holds every such contact: the raw events read for the evaluator can be limited
     * to its contacts.
     */
    record Residual(SqlCondition narrowed, Targeting left, IdSet.Select among) {
    }

    static AudiencePlan of(Targeting targeting, String workspaceId, long now, Dialect dialect) {
        IdSet.Select everyone = ContactConditions.everyone(workspaceId);
        if (targeting.targetsEveryone()) return new AudiencePlan(everyone, SqlCondition.FALSE, List.of());
        List<IdSet> exactGroups = new ArrayList<>();
        List<SqlCondition> exactConditions = new ArrayList<>();
        List<Residual> residuals = new ArrayList<>();
        for (Group group : targeting.groups()) {
            GroupSql sql = GroupSql.of(group, workspaceId, now, dialect);
            if (sql.translated()) {
                exactGroups.add(IdSet.intersection(sql.sets(), everyone));
                exactConditions.add(SqlCondition.all(sql.holds()).and(SqlCondition.any(sql.unsure()).not()));
                if (!sql.unsureSets().isEmpty()) {
                    IdSet.Select among = IdSet.asSelect(IdSet.union(new ArrayList<>(sql.unsureSets()), everyone), everyone);
                    residuals.add(new Residual(RuleSql.inSet(among).and(SqlCondition.any(sql.unsure()))
                            .and(SqlCondition.all(sql.narrowing())), sql.left(), among));
                }
            } else residuals.add(new Residual(SqlCondition.all(sql.narrowing()), sql.left(), null));
        }
        IdSet.Select exact = IdSet.asSelect(IdSet.union(exactGroups, everyone), everyone);
        // The residual groups' contacts are read row by row anyway: the exact groups' rules as conditions on each
        // contact row plan well on both engines there, where a NOT IN or NOT EXISTS over the compound set may not.
        return new AudiencePlan(exact, SqlCondition.any(exactConditions).not(), residuals);
    }

    /**
     * One group's rules as SQL. When every rule is {@code translated}: the contacts SQL decides the group selects
     * are those in every set of {@code sets} (each rule's holds, minus each rule's unsure contacts), as the row
     * conditions {@code holds} without any of {@code unsure}. Else (and for the unsure contacts) the contacts
     * meeting {@code narrowing} are left to the evaluator with the rules of {@code left} (null when SQL decides
     * every contact).
     */
    private record GroupSql(boolean translated, List<IdSet> sets, List<SqlCondition> holds, List<SqlCondition> unsure,
                            List<IdSet.Select> unsureSets, List<SqlCondition> narrowing, Targeting left) {

        static GroupSql of(Group group, String workspaceId, long now, Dialect dialect) {
            GroupSql sql = new GroupSql(true, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), null);
            List<Rule> left = new ArrayList<>();
            boolean translated = true;
            for (Rule rule : group.rules()) {
                Optional<RuleSql> ruleSql = RuleSql.of(rule, workspaceId, now, dialect);
                if (ruleSql.isEmpty()) {
                    translated = false;
                    left.add(rule);
                    sql.narrowing().add(necessary(rule, workspaceId, now));
                    continue;
                }
                RuleSql translation = ruleSql.get();
                sql.sets().add(translation.holds());
                sql.holds().add(translation.holdsRow());
                sql.narrowing().add(translation.holdsRow().or(translation.unsureRow()));
                if (!translation.certain()) {
                    sql.sets().add(new IdSet.AllBut(translation.unsure()));
                    sql.unsure().add(translation.unsureRow());
                    sql.unsureSets().add(translation.unsure());
                    left.add(rule);
                }
            }
            return new GroupSql(translated, sql.sets(), sql.holds(), sql.unsure(), sql.unsureSets(), sql.narrowing(),
                    left.isEmpty() ? null : new Targeting(List.of(new Group(left))));
        }
    }

    /** A condition every contact an untranslated rule selects meets. */
    private static SqlCondition necessary(Rule rule, String workspaceId, long now) {
        if (rule instanceof EventRule event) return ActivityConditions.necessary(event, workspaceId, now);
        return SqlCondition.TRUE;
    }
}
