import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java bench/DashboardBench.java BASE_URL SETUP_LINK SAMPLES}: sets the user up through the
 * one-time link, signs in, then requests every dashboard page of workspace "bench" SAMPLES times
 * (one at a time) and prints each page's p50/p95 time to the last byte beside GET /health's, then
 * the CSV export of every contact (time, bytes, rows).
 */
public class DashboardBench {
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");
    private static final Pattern CONTACT = Pattern.compile("href=\"/w/bench/contacts/([^\"?/]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static String base;

    public static void main(String[] args) throws Exception {
        base = args[0];
        String link = args[1];
        int samples = Integer.parseInt(args[2]);
        String token = link.substring(link.indexOf("token=") + 6);
        String page = get("/setup?token=" + token).body();
        int status = post("/setup", csrf(page), "token", token, "name", "Bench", "password", "bench-password-123").statusCode();
        if (status != 303) throw new IllegalStateException("setup answered " + status);
        Matcher contact = CONTACT.matcher(get("/w/bench/contacts").body());
        if (!contact.find()) throw new IllegalStateException("no contact on the contacts page");
        String id = contact.group(1);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("GET /health (no page)", "/health");
        pages.put("Overview", "/w/bench/overview");
        pages.put("Contacts (last seen)", "/w/bench/contacts");
        pages.put("Contacts, next page", null);
        pages.put("Contacts by name", "/w/bench/contacts?sort=name");
        pages.put("Contacts, search \"user12345\"", "/w/bench/contacts?q=user12345");
        pages.put("Contacts, filter plan = pro", "/w/bench/contacts?rule-0-kind=contact&rule-0-subject=plan&rule-0-operator=equals&rule-0-value=pro");
        pages.put("Contacts, filter has_done event_key_29", "/w/bench/contacts?rule-0-kind=event&rule-0-subject=event_key_29&rule-0-operator=has_done");
        pages.put("Contact: profile", "/w/bench/contacts/" + id);
        pages.put("Contact: attributes", "/w/bench/contacts/" + id + "?tab=attributes");
        pages.put("Contact: events", "/w/bench/contacts/" + id + "?tab=events");
        pages.put("Contact: messages", "/w/bench/contacts/" + id + "?tab=messages");
        pages.put("Contact: erase confirmation", "/w/bench/contacts/" + id + "/erase");
        pages.put("Data: events catalog", "/w/bench/data/events");
        pages.put("Data: one event", "/w/bench/data/events/event_key_0");
        pages.put("Data: attributes", "/w/bench/data/attributes");
        Matcher older = Pattern.compile("id=\"older\" href=\"([^\"]+)\"").matcher(get("/w/bench/contacts").body());
        if (older.find()) pages.put("Contacts, next page", older.group(1).replace("&amp;", "&"));
        System.out.printf("%-42s %8s %8s %8s%n", "page", "p50 ms", "p95 ms", "status");
        for (Map.Entry<String, String> entry : pages.entrySet()) {
            if (entry.getValue() == null) continue;
            measure(entry.getKey(), entry.getValue(), samples);
        }
        export("/w/bench/contacts/export.csv");
    }

    private static void measure(String name, String path, int samples) throws Exception {
        for (int i = 0; i < 3; i++) get(path);   // warm-up
        double[] millis = new double[samples];
        int status = 0;
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = get(path);
            millis[i] = (System.nanoTime() - started) / 1e6;
            status = response.statusCode();
        }
        Arrays.sort(millis);
        System.out.printf("%-42s %8.1f %8.1f %8d%n", name, millis[samples / 2], millis[(int) Math.ceil(samples * 0.95) - 1], status);
    }

    private static void export(String path) throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long rows = 0;
        byte[] buffer = new byte[65_536];
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) if (buffer[i] == '\n') rows++;
            }
        }
        System.out.printf("CSV export: status %d, %,d rows (with header), %,d bytes in %.2f s%n", response.statusCode(), rows, bytes,
                (System.nanoTime() - started) / 1e9);
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) throw new IllegalStateException("no CSRF token");
        return matcher.group(1);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String csrf, String... fields) throws Exception {
        List<String> parts = new ArrayList<>();
        parts.add("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        for (int i = 0; i < fields.length; i += 2) {
            parts.add(fields[i] + "=" + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", parts))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
