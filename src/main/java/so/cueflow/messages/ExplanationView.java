package so.cueflow.messages;

import so.cueflow.http.Times;
import so.cueflow.targeting.ContactRuleExplanation;
import so.cueflow.targeting.EventRuleExplanation;
import so.cueflow.targeting.Explanation;
import so.cueflow.targeting.GroupExplanation;
import so.cueflow.targeting.PageRuleExplanation;
import so.cueflow.targeting.RuleExplanation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An explanation as JSON: every instant as an ISO-8601 UTC string, as the activity endpoint writes them. */
public final class ExplanationView {

    private ExplanationView() {
    }

    public static Map<String, Object> of(Explanation explanation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("matches", explanation.matches());
        view.put("evaluatedAt", Times.format(explanation.evaluatedAt()));
        view.put("groups", explanation.groups().stream().map(ExplanationView::group).toList());
        return view;
    }

    private static Map<String, Object> group(GroupExplanation group) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("matches", group.matches());
        view.put("rules", group.rules().stream().map(ExplanationView::rule).toList());
        return view;
    }

    private static Map<String, Object> rule(RuleExplanation rule) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", rule.type());
        view.put("description", rule.description());
        view.put("matches", rule.matches());
        if (rule instanceof EventRuleExplanation event) {
            view.put("eventKey", event.eventKey());
            view.put("count", event.count());
            view.put("firstAt", Times.format(event.firstAt()));
            view.put("lastAt", Times.format(event.lastAt()));
            view.put("threshold", event.threshold());
            view.put("windowStart", Times.format(event.windowStart()));
        } else if (rule instanceof ContactRuleExplanation contact) {
            view.put("field", contact.field());
            view.put("actual", contact.actual() instanceof Instant at ? Times.format(at.toEpochMilli()) : contact.actual());
        } else if (rule instanceof PageRuleExplanation page) {
            view.put("field", page.field());
            view.put("actual", page.actual());
        }
        return view;
    }
}
