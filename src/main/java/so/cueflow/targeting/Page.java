package so.cueflow.targeting;

/** The page the contact is on, as the embed script reports it. */
public record Page(String url, String path) {
}
