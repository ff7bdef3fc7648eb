package so.cueflow.messages;

import so.cueflow.contacts.ContactConditions;
import so.cueflow.events.ActivityConditions;
import so.cueflow.events.EventWhere;
import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.IdSet;
import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.ContactRule;
import so.cueflow.targeting.EventRule;
import so.cueflow.targeting.Rule;

import java.util.Optional;

/**
 * One rule as SQL: the contacts it selects, as a set ({@code holds}) and as a condition on the contact row (alias
 * {@code c}), for every contact outside {@code unsure}; the contacts in {@code unsure} (null when SQL decides every
 * contact) are left to the evaluator. A {@code rowFilter} (a rule on the contact row's JSON) is best checked on the
 * contacts the group's other rules leave, not read as a set of its own.
 */
record RuleSql(IdSet holds, SqlCondition holdsRow, IdSet.Select unsure, SqlCondition unsureRow, boolean rowFilter) {

    static RuleSql exact(IdSet holds, SqlCondition holdsRow) {
        return new RuleSql(holds, holdsRow, null, SqlCondition.FALSE, false);
    }

    boolean certain() {
        return unsure == null;
    }

    /** Empty when SQL cannot decide the rule for any contact (a comparison it does not translate). */
    static Optional<RuleSql> of(Rule rule, ContactScope scope, AsOf asOf, Dialect dialect) {
        long now = asOf.now();
        if (rule instanceof EventRule event) {
            if (event.where().isEmpty()) {
                return Optional.of(exact(ActivityConditions.contacts(event, scope, now, asOf.eventsKeptFrom()),
                        ActivityConditions.exact(event, scope, now, asOf.eventsKeptFrom())));
            }
            return EventWhere.of(event, scope, now, dialect)
                    .map(where -> new RuleSql(where.holds(), inSet(where.holds()), where.unsure(), inSet(where.unsure()), false));
        }
        if (rule instanceof ContactRule contact && contact.onCustomAttribute()) {
            return ContactConditions.custom(contact, dialect).map(sql -> new RuleSql(ContactConditions.meeting(scope, sql.holds()),
                    sql.holds(), ContactConditions.meeting(scope, sql.unsure()), sql.unsure(), true));
        }
        if (rule instanceof ContactRule contact) {
            return Optional.of(exact(ContactConditions.contacts(contact, scope, now, dialect).orElseThrow(),
                    ContactConditions.of(contact, now, dialect).orElseThrow()));
        }
        return Optional.of(exact(IdSet.NONE, SqlCondition.FALSE)); // a preview has no page
    }

    /** A set as a condition on the contact row. */
    static SqlCondition inSet(IdSet set) {
        if (set instanceof IdSet.Select select) return select.holding("c.id");
        if (set instanceof IdSet.AllBut allBut) return inSet(allBut.excluded()).not();
        return set instanceof IdSet.All ? SqlCondition.TRUE : SqlCondition.FALSE;
    }
}
