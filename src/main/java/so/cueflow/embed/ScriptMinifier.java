package so.cueflow.embed;

/**
 * Shrinks the embed script's readable source at start-up: drops comments, indentation and blank
 * lines, and spaces next to punctuation. Line breaks stay, so automatic semicolon insertion sees
 * what the source had. Strings and regular-expression literals are copied untouched.
 * (No JavaScript minifier on Maven Central resolves here — Closure Compiler's parent POM is not
 * served — and gzip does most of the work on the wire anyway.)
 */
final class ScriptMinifier {
    private final String source;
    private final StringBuilder out;
    private int i;

    private ScriptMinifier(String source) {
        this.source = source;
        this.out = new StringBuilder(source.length());
    }

    static String minify(String source) {
        return new ScriptMinifier(source).run();
    }

    private String run() {
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\'' || c == '"' || c == '`') copyQuoted(c);
            else if (c == '/' && peek(1) == '/') skipLineComment();
            else if (c == '/' && peek(1) == '*') skipBlockComment();
            else if (c == '/' && regexMayStartAfter(lastSignificant())) copyRegex();
            else if (c == '\n' || c == '\r') newline();
            else if (c == ' ' || c == '\t') space();
            else out.append(source.charAt(i++));
        }
        return out.toString().strip() + "\n";
    }

    private void copyQuoted(char quote) {
        out.append(source.charAt(i++));
        while (i < source.length()) {
            char c = source.charAt(i++);
            out.append(c);
            if (c == '\\' && i < source.length()) out.append(source.charAt(i++));
            else if (c == quote) return;
        }
    }

    private void copyRegex() {
        out.append(source.charAt(i++));
        boolean inClass = false;
        while (i < source.length()) {
            char c = source.charAt(i++);
            out.append(c);
            if (c == '\\' && i < source.length()) out.append(source.charAt(i++));
            else if (c == '[') inClass = true;
            else if (c == ']') inClass = false;
            else if (c == '/' && !inClass) return;
        }
    }

    private void skipLineComment() {
        while (i < source.length() && source.charAt(i) != '\n') i++;
    }

    private void skipBlockComment() {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
        space();
    }

    /** One line break for any run of breaks, blank lines and indentation. */
    private void newline() {
        while (i < source.length() && Character.isWhitespace(source.charAt(i))) i++;
        trimTrailingSpace();
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
    }

    /** A space stays only between two characters that would otherwise merge: a+ +b, typeof x. */
    private void space() {
        while (i < source.length() && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) i++;
        if (out.length() == 0 || i >= source.length()) return;
        char before = out.charAt(out.length() - 1);
        char after = source.charAt(i);
        if (before == ' ' || before == '\n') return;
        if ((isWord(before) && isWord(after)) || (before == after && (before == '+' || before == '-'))
                || (before == '/' && after == '/')) {
            out.append(' ');
        }
    }

    private void trimTrailingSpace() {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') out.setLength(out.length() - 1);
    }

    private char lastSignificant() {
        for (int k = out.length() - 1; k >= 0; k--) {
            char c = out.charAt(k);
            if (c != ' ' && c != '\n') return c;
        }
        return '\n';
    }

    /** A slash after an operand divides; after an operator or an opening bracket it starts a regex. */
    private boolean regexMayStartAfter(char previous) {
        if (previous == '\n') return true;
        if ("(,=:[!&|?{};+-*%<>~^".indexOf(previous) >= 0) return true;
        return endsWithKeyword("return") || endsWithKeyword("typeof");
    }

    private boolean endsWithKeyword(String keyword) {
        String text = out.toString().stripTrailing();
        return text.endsWith(keyword) && (text.length() == keyword.length() || !isWord(text.charAt(text.length() - keyword.length() - 1)));
    }

    private char peek(int ahead) {
        return i + ahead < source.length() ? source.charAt(i + ahead) : '\0';
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
