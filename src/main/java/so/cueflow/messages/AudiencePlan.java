package so.cueflow.messages;

import so.cueflow.contacts.ContactConditions;
import so.cueflow.events.ActivityConditions;
import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.IdSet;
import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.EventRule;
import so.cueflow.targeting.Group;
import so.cueflow.targeting.Rule;
import so.cueflow.targeting.Targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

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

    static AudiencePlan of(Targeting targeting, ContactScope scope, AsOf asOf, Dialect dialect) {
        return of(targeting, scope, asOf, dialect, unsure -> false);
    }

    /**
     * {@code knownEmpty}: whether a set of contacts SQL is unsure of is known to be empty (see {@link #unsureSets}):
     * the rule is then exact.
     */
    static AudiencePlan of(Targeting targeting, ContactScope scope, AsOf asOf, Dialect dialect, Predicate<IdSet.Select> knownEmpty) {
        IdSet.Select everyone = ContactConditions.everyone(scope);
        if (targeting.targetsEveryone()) return new AudiencePlan(everyone, SqlCondition.FALSE, List.of());
        List<IdSet> exactGroups = new ArrayList<>();
        List<SqlCondition> exactConditions = new ArrayList<>();
        List<Residual> residuals = new ArrayList<>();
        for (Group group : targeting.groups()) {
            GroupSql sql = GroupSql.of(group, scope, asOf, dialect, knownEmpty);
            if (sql.translated()) {
                exactGroups.add(sql.exact());
                exactConditions.add(SqlCondition.all(sql.holds()).and(SqlCondition.any(sql.unsure()).not()));
                if (!sql.unsureSets().isEmpty()) {
                    IdSet.Select among = IdSet.asSelect(IdSet.union(new ArrayList<>(sql.unsureSets()), everyone, dialect), everyone, dialect);
                    residuals.add(new Residual(RuleSql.inSet(among).and(SqlCondition.any(sql.unsure()))
                            .and(SqlCondition.all(sql.narrowing())), sql.left(), among));
                }
            } else residuals.add(new Residual(SqlCondition.all(sql.narrowing()), sql.left(), null));
        }
        IdSet.Select exact = IdSet.asSelect(IdSet.union(exactGroups, everyone, dialect), everyone, dialect);
        // The residual groups' contacts are read row by row anyway: the exact groups' rules as conditions on each
        // contact row plan well on both engines there, where a NOT IN or NOT EXISTS over the compound set may not.
        return new AudiencePlan(exact, SqlCondition.any(exactConditions).not(), residuals);
    }

    /** Every set of contacts SQL is unsure of for some rule, to be checked for emptiness before planning again. */
    static Set<IdSet.Select> unsureSets(Targeting targeting, ContactScope scope, AsOf asOf, Dialect dialect) {
        Set<IdSet.Select> sets = new LinkedHashSet<>();
        if (targeting.targetsEveryone()) return sets;
        for (Group group : targeting.groups()) sets.addAll(GroupSql.of(group, scope, asOf, dialect, unsure -> false).unsureSets());
        return sets;
    }

    /**
     * One group's rules as SQL. When every rule is {@code translated}: the contacts SQL decides the group selects
     * are those of {@code exact}, or as row conditions, {@code holds} without any of {@code unsure}. Else (and for
     * the unsure contacts, in {@code unsureSets}) the contacts meeting {@code narrowing} are left to the evaluator
     * with the rules of {@code left} (null when SQL decides every contact).
     */
    private record GroupSql(boolean translated, IdSet exact, List<SqlCondition> holds, List<SqlCondition> unsure,
                            List<IdSet.Select> unsureSets, List<SqlCondition> narrowing, Targeting left) {

        static GroupSql of(Group group, ContactScope scope, AsOf asOf, Dialect dialect, Predicate<IdSet.Select> knownEmpty) {
            IdSet.Select everyone = ContactConditions.everyone(scope);
            List<IdSet> sets = new ArrayList<>();
            List<IdSet> certainSets = new ArrayList<>();
            List<RuleSql> filters = new ArrayList<>();
            List<Rule> filterRules = new ArrayList<>();
            GroupSql sql = new GroupSql(true, null, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), null);
            List<Rule> left = new ArrayList<>();
            boolean translated = true;
            for (Rule rule : group.rules()) {
                Optional<RuleSql> ruleSql = RuleSql.of(rule, scope, asOf, dialect);
                if (ruleSql.isEmpty()) {
                    translated = false;
                    left.add(rule);
                    sql.narrowing().add(necessary(rule, scope, asOf.now()));
                    continue;
                }
                RuleSql translation = ruleSql.get();
                sql.holds().add(translation.holdsRow());
                sql.narrowing().add(translation.holdsRow().or(translation.unsureRow()));
                if (translation.rowFilter()) {
                    filters.add(translation);
                    filterRules.add(rule);
                    continue;
                }
                sets.add(translation.holds());
                if (translation.certain()) certainSets.add(translation.holds());
                if (!translation.certain() && !knownEmpty.test(translation.unsure())) {
                    sets.add(new IdSet.AllBut(translation.unsure()));
                    sql.unsure().add(translation.unsureRow());
                    sql.unsureSets().add(translation.unsure());
                    left.add(rule);
                }
            }
            IdSet exact = IdSet.intersection(sets, everyone, dialect);
            if (!filters.isEmpty()) {
                // Rules on the contact row's JSON are checked on the contacts the other rules leave, not on all; their
                // unsure contacts among those the certain rules leave (every contact the group may select, whatever
                // the evaluator decides of the other rules' unsure contacts).
                SqlCondition unsure = SqlCondition.any(filters.stream().map(RuleSql::unsureRow).toList());
                IdSet.Select unsureSet = ContactConditions.filtered(IdSet.intersection(certainSets, everyone, dialect), everyone,
                        dialect, scope, unsure);
                exact = ContactConditions.filtered(exact, everyone, dialect, scope,
                        SqlCondition.all(filters.stream().map(RuleSql::holdsRow).toList()));
                if (!knownEmpty.test(unsureSet)) {
                    sql.unsure().add(unsure);
                    sql.unsureSets().add(unsureSet);
                    left.addAll(filterRules);
                }
            }
            return new GroupSql(translated, exact, sql.holds(), sql.unsure(), sql.unsureSets(), sql.narrowing(),
                    left.isEmpty() ? null : new Targeting(List.of(new Group(left))));
        }
    }

    /** A condition every contact an untranslated rule selects meets. */
    private static SqlCondition necessary(Rule rule, ContactScope scope, long now) {
        if (rule instanceof EventRule event) return ActivityConditions.necessary(event, scope, now);
        return SqlCondition.TRUE;
    }
}
