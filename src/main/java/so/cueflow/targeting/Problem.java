package so.cueflow.targeting;

/** One thing wrong with a targeting: where ({@code targeting.groups[1].rules[0].days}) and what. */
public record Problem(String field, String message) {
}
