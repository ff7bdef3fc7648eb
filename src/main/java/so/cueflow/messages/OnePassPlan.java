package so.cueflow.messages;

import so.cueflow.contacts.ContactConditions;
import so.cueflow.events.EventWhere;
import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.IdSet;
import so.cueflow.storage.Judged;
import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.ContactRule;
import so.cueflow.targeting.EventRule;
import so.cueflow.targeting.Group;
import so.cueflow.targeting.Rule;
import so.cueflow.targeting.Targeting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A targeting counted in one statement together with the proof that SQL decided every contact. Each rule SQL may be
 * unsure of for some contacts (a where rule; a group's custom-attribute rules, checked on the contacts its other rules
 * leave) is computed once, as a table of per-contact verdicts with a doubt flag ({@link Judged}, a materialized common
 * table expression); the count, the first few contacts and the number of doubtful contacts come out of the same
 * statement, so the rows that decide a rule are read once. When no contact is in doubt — the usual case — the count is
 * exact; else {@link AudiencePreview} counts with {@link AudiencePlan}, which leaves the doubtful contacts to the
 * evaluator. {@code tables} are the judged tables in the order they are named ({@code j1}, {@code j2}, …; a later one
 * may read an earlier one), {@code exact} the contacts selected when none is in doubt.
 */
record OnePassPlan(List<IdSet.Select> tables, IdSet.Select exact) {

    /** The count, the ids of up to a sample's size of the contacts counted, and how many contacts are in doubt. */
    record Outcome(long count, List<String> firstIds, long doubts) {
    }

    /**
     * Empty when a rule is not translated (the evaluator then decides it for some contacts anyway) or when no rule
     * can be in doubt ({@link AudiencePlan} counts those without a proof to make).
     */
    static Optional<OnePassPlan> of(Targeting targeting, ContactScope scope, AsOf asOf, Dialect dialect) {
        if (targeting.targetsEveryone()) return Optional.empty();
        IdSet.Select everyone = ContactConditions.everyone(scope);
        List<IdSet.Select> tables = new ArrayList<>();
        List<IdSet> groups = new ArrayList<>();
        for (Group group : targeting.groups()) {
            Optional<IdSet> selected = group(group, scope, asOf, dialect, everyone, tables);
            if (selected.isEmpty()) return Optional.empty();
            groups.add(selected.get());
        }
        if (tables.isEmpty()) return Optional.empty();
        return Optional.of(new OnePassPlan(tables, IdSet.asSelect(IdSet.union(groups, everyone, dialect), everyone, dialect)));
    }

    /** The contacts the group selects when none is in doubt; empty when one of its rules is not translated. */
    private static Optional<IdSet> group(Group group, ContactScope scope, AsOf asOf, Dialect dialect, IdSet.Select everyone,
                                         List<IdSet.Select> tables) {
        List<IdSet> sets = new ArrayList<>();
        List<ContactRule> filters = new ArrayList<>();
        long now = asOf.now();
        for (Rule rule : group.rules()) {
            if (rule instanceof EventRule event && !event.where().isEmpty()) {
                Optional<Judged> judged = EventWhere.judged(event, scope, now, dialect);
                if (judged.isEmpty() && EventWhere.of(event, scope, now, dialect).isEmpty()) return Optional.empty();
                sets.add(judged.isPresent() ? judged.get().holds(name(tables, judged.get())) : IdSet.NONE);
                continue;
            }
            Optional<RuleSql> translation = RuleSql.of(rule, scope, asOf, dialect);
            if (translation.isEmpty()) return Optional.empty();
            if (translation.get().rowFilter()) filters.add((ContactRule) rule);
            else if (translation.get().certain()) sets.add(translation.get().holds());
            else throw new IllegalStateException("a rule in doubt that is not judged: " + rule);
        }
        IdSet selected = IdSet.intersection(sets, everyone, dialect);
        if (filters.isEmpty() || selected instanceof IdSet.None) return Optional.of(selected);
        // The contacts the other rules leave are the only ones whose custom attributes can change the count: those
        // with doubt among the others' are already counted as doubtful in their own table.
        Judged judged = ContactConditions.judged(selected, everyone, dialect, scope, filters);
        return Optional.of(judged.holds(name(tables, judged)));
    }

    private static String name(List<IdSet.Select> tables, Judged judged) {
        tables.add(judged.table());
        return "j" + tables.size();
    }

    /** Blocking: the one statement. */
    Outcome run(Connection connection, int sampleSize) throws SQLException {
        StringBuilder sql = new StringBuilder("WITH ");
        List<Object> parameters = new ArrayList<>();
        List<String> doubts = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            String name = "j" + (i + 1);
            sql.append(i > 0 ? ", " : "").append(name).append(" AS MATERIALIZED (").append(tables.get(i).sql()).append(")");
            parameters.addAll(tables.get(i).parameters());
            doubts.add(Judged.doubts(name));
        }
        // One row even when nobody is selected; the window count is taken before the LIMIT.
        sql.append(" SELECT d.doubts, s.id, s.counted FROM (SELECT ").append(String.join(" + ", doubts))
                .append(" AS doubts) AS d LEFT JOIN (SELECT x.id AS id, COUNT(*) OVER () AS counted FROM (")
                .append(exact.sql()).append(") AS x LIMIT ").append(sampleSize).append(") AS s ON 1 = 1");
        parameters.addAll(exact.parameters());
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            SqlCondition.bind(select, 1, parameters);
            long count = 0;
            long doubtful = 0;
            List<String> first = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    doubtful = rows.getLong(1);
                    if (rows.getString(2) == null) continue;
                    first.add(rows.getString(2));
                    count = rows.getLong(3);
                }
            }
            return new Outcome(count, first, doubtful);
        }
    }
}
