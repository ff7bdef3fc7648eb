package so.cueflow.dashboard;

import so.cueflow.auth.WorkspaceStore;
import so.cueflow.embed.EmbedSettings;
import so.cueflow.embed.EmbedSettingsStore;
import so.cueflow.embed.Origins;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Settings → Workspace (admins): the embed script's allowed origins and identity verification, a new
 * identity secret (shown once), and how long raw events are kept. The rules are the embed and
 * workspace stores' own, as the command line uses them.
 */
public final class WorkspaceSettingsPages {
    private final EmbedSettingsStore embed;
    private final WorkspaceStore workspaces;
    private final Clock clock;

    WorkspaceSettingsPages(EmbedSettingsStore embed, WorkspaceStore workspaces, Clock clock) {
        this.embed = embed;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** Never carries the identity secret, except {@code newSecret} right after it was created. */
    public record WorkspaceSettingsPage(List<String> origins, boolean verificationRequired, boolean hasSecret, Integer retentionDays,
                                        Form embedForm, Form retentionForm, String newSecret, String notice) {
        /** The days field: as typed when refused, else the stored value. */
        public Form daysForm() {
            if (!retentionForm.valid()) return retentionForm;
            return Form.of(java.util.Map.of("days", retentionDays == null ? "" : String.valueOf(retentionDays)));
        }

        public String originsText() {
            return embedForm.valid() && embedForm.value("origins").isEmpty() ? String.join("\n", origins) : embedForm.value("origins");
        }
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/settings/workspace", Access.ADMIN, request -> view(request, 200, Form.empty(), Form.empty(), null,
                request.query("saved") != null ? "Saved." : null));
        routes.post("/w/:workspace/settings/workspace/embed", Access.ADMIN, this::saveEmbed);
        routes.post("/w/:workspace/settings/workspace/retention", Access.ADMIN, this::saveRetention);
        routes.get("/w/:workspace/settings/workspace/rotate-secret", Access.ADMIN, this::confirmRotate);
        routes.post("/w/:workspace/settings/workspace/rotate-secret", Access.ADMIN, this::rotate);
    }

    private Reply saveEmbed(PageRequest request) {
        Form form = request.form();
        List<String> lines = Arrays.stream(form.value("origins").split("\\R")).filter(line -> !line.isBlank()).toList();
        Origins.Parsed parsed = Origins.parseAll(lines);
        EmbedSettings.Verification verification = EmbedSettings.Verification.parse(form.value("verification"));
        form.reject("origins", parsed.problems().isEmpty() ? null : String.join("; ", parsed.problems()));
        form.reject("verification", verification == null ? "choose required or off" : null);
        if (!form.valid()) return view(request, 400, form, Form.empty(), null, null);
        embed.update(request.workspace().id(), current -> current.with(parsed.origins(), verification, clock.millis()));
        return saved(request);
    }

    private Reply saveRetention(PageRequest request) {
        Form form = request.form();
        Integer days = null;
        if (!"forever".equals(form.value("mode"))) {
            try {
                days = Integer.valueOf(form.value("days").trim());
            } catch (NumberFormatException e) {
                form.reject("days", "enter a whole number of days, or choose to keep events forever");
            }
        }
        if (form.valid()) {
            try {
                workspaces.setEventRetentionDays(request.workspace().name(), days);
            } catch (IllegalArgumentException e) {
                form.reject("days", e.getMessage());
            }
        }
        if (!form.valid()) return view(request, 400, Form.empty(), form, null, null);
        return saved(request);
    }

    private Reply confirmRotate(PageRequest request) {
        return Reply.page("New identity secret", Section.SETTINGS, "confirm.jte", new Confirmation(
                "Create a new identity secret for " + request.workspace().name() + "?",
                "The current secret stops working at once: browsers whose userHash was made with it are refused"
                        + " until your backend uses the new one.",
                Frame.workspaceHref(request.membership(), "settings/workspace/rotate-secret"), "Create new secret",
                Frame.workspaceHref(request.membership(), "settings/workspace")));
    }

    private Reply rotate(PageRequest request) {
        String secret = embed.rotateSecret(request.workspace().id(), clock.millis());
        return view(request, 200, Form.empty(), Form.empty(), secret, null);
    }

    private static Reply saved(PageRequest request) {
        return Reply.redirect(Frame.workspaceHref(request.membership(), "settings/workspace?saved=1"));
    }

    private Reply view(PageRequest request, int status, Form embedForm, Form retentionForm, String newSecret, String notice) {
        EmbedSettings settings = embed.of(request.workspace().id());
        Integer retention = workspaces.eventRetentionDays(request.workspace().id()).orElse(null);
        return new Reply.View(status, "Workspace", Section.SETTINGS, "settings/workspace.jte", new WorkspaceSettingsPage(
                settings.allowedOrigins(), settings.verification() == EmbedSettings.Verification.REQUIRED,
                settings.identitySecret() != null, retention, embedForm, retentionForm, newSecret, notice));
    }
}
