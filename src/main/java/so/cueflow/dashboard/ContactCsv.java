package so.cueflow.dashboard;

import so.cueflow.contacts.Contact;
import so.cueflow.http.Times;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Contacts as CSV (RFC 4180: comma, CRLF, quotes doubled). A cell a spreadsheet would run as a
 * formula (starting with = + - @, tab or carriage return) gets a leading apostrophe, since these
 * values come from contacts and are not to be trusted.
 */
final class ContactCsv {
    static final List<String> HEADER = List.of("id", "externalId", "email", "name", "phone", "avatarUrl", "role", "plan",
            "signedUpAt", "createdAt", "updatedAt", "lastSeenAt", "customAttributes");

    private ContactCsv() {
    }

    static void header(Writer out) throws IOException {
        row(out, HEADER);
    }

    static void write(Writer out, Contact c) throws IOException {
        row(out, java.util.Arrays.asList(c.id(), c.externalId(), c.email(), c.name(), c.phone(), c.avatarUrl(), c.role(), c.plan(),
                Times.format(c.signedUpAtMillis()), Times.format(c.createdAtMillis()), Times.format(c.updatedAtMillis()),
                Times.format(c.lastSeenAtMillis()), c.customAttributes()));
    }

    private static void row(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.write(',');
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(String value) {
        if (value == null) return "";
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
