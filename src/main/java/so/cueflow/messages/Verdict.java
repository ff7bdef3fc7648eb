package so.cueflow.messages;

import so.cueflow.targeting.Explanation;

/**
 * Whether a contact sees a message now, and why; {@code targetingMatches} whatever blocked it otherwise;
 * {@code explanation} is null unless one was asked for.
 */
public record Verdict(Message message, Reason reason, boolean targetingMatches, Explanation explanation) {

    /** Why a message is shown or not, in the order they are checked; the wire text is what explain reports. */
    public enum Reason {
        SCHEDULE("schedule"),
        ALREADY_SEEN("frequency: already seen"),
        DISMISSED("frequency: dismissed"),
        TARGETING("targeting"),
        ELIGIBLE("eligible");

        private final String wireText;

        Reason(String wireText) {
            this.wireText = wireText;
        }

        public String wireText() {
            return wireText;
        }
    }

    public boolean eligible() {
        return reason == Reason.ELIGIBLE;
    }
}
