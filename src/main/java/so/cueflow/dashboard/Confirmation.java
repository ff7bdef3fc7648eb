package so.cueflow.dashboard;

/** The model of confirm.jte: a dangerous action named exactly, with its button and a way back. */
public record Confirmation(String question, String consequence, String action, String button, String cancel) {
}
