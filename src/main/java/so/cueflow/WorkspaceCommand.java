package so.cueflow;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.embed.EmbedSettings;
import so.cueflow.embed.EmbedSettingsStore;
import so.cueflow.embed.Origins;
import so.cueflow.storage.Database;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "workspace", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Show and change a workspace's embed settings: allowed origins and identity verification.",
        subcommands = {WorkspaceCommand.Show.class, WorkspaceCommand.Update.class, WorkspaceCommand.RotateIdentitySecret.class})
final class WorkspaceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The named workspace, or null after telling on stderr that there is none. */
    static Workspace find(Database database, String name, PrintWriter err) {
        Optional<Workspace> found = new WorkspaceStore(database).findByName(name);
        if (found.isEmpty()) {
            err.println("no workspace named \"" + name + "\" (keys create --workspace " + name + " creates one)");
            err.flush();
        }
        return found.orElse(null);
    }

    static void print(PrintWriter out, String name, EmbedSettings settings) {
        out.println("workspace:             " + name);
        out.println("allowed origins:       " + (settings.allowedOrigins().isEmpty() ? "(none: every browser origin is refused)"
                : String.join(" ", settings.allowedOrigins())));
        out.println("identity verification: " + settings.verification().wireName()
                + (settings.verification() == EmbedSettings.Verification.REQUIRED && settings.identitySecret() == null
                ? " (no identity secret yet: run workspace rotate-identity-secret)" : ""));
        out.flush();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Print a workspace's embed settings (never the identity secret) and its event retention.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "--workspace", defaultValue = "default", description = "Workspace name (default: default).")
        String workspace;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Database database = store.open()) {
                Workspace found = find(database, workspace, spec.commandLine().getErr());
                if (found == null) return 1;
                print(spec.commandLine().getOut(), found.name(), new EmbedSettingsStore(database).of(found.id()));
                spec.commandLine().getOut().println("event retention:       " + new WorkspaceStore(database).eventRetentionDays(found.id())
                        .map(days -> days + " days").orElse("keep forever"));
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Set the origins allowed to use the embed script and whether user hashes are required.")
    static final class Update implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "--workspace", defaultValue = "default", description = "Workspace name (default: default).")
        String workspace;
        @Option(names = "--allowed-origin", paramLabel = "URL",
                description = "An origin such as https://app.example.com; repeat for several. Replaces the list.")
        List<String> origins;
        @Option(names = "--clear-allowed-origins", description = "Remove every allowed origin.")
        boolean clearOrigins;
        @Option(names = "--identity-verification", paramLabel = "required|off",
                description = "required: the browser must send userHash = HMAC-SHA256(identity secret, user id); off: any user id is trusted.")
        String verification;
        @Option(names = "--event-retention-days", paramLabel = "N",
                description = "Delete raw events older than N days (activity keeps their counts, first and last).")
        Integer retentionDays;
        @Option(names = "--keep-events-forever", description = "Turn event retention off (the default).")
        boolean keepForever;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            boolean retentionChange = retentionDays != null || keepForever;
            boolean embedChange = origins != null || clearOrigins || verification != null;
            Origins.Parsed parsedOrigins = Origins.parseAll(origins == null ? List.of() : origins);
            List<String> parsed = parsedOrigins.origins();
            List<String> problems = new ArrayList<>(parsedOrigins.problems());
            EmbedSettings.Verification mode = verification == null ? null : EmbedSettings.Verification.parse(verification);
            if (verification != null && mode == null) problems.add("--identity-verification must be required or off");
            if (clearOrigins && origins != null) problems.add("give either --allowed-origin or --clear-allowed-origins");
            if (retentionDays != null && retentionDays < 1) problems.add("--event-retention-days must be at least 1");
            if (retentionDays != null && keepForever) problems.add("give either --event-retention-days or --keep-events-forever");
            if (!embedChange && !retentionChange) problems.add("nothing to change: give --allowed-origin, --clear-allowed-origins, --identity-verification, --event-retention-days or --keep-events-forever");
            if (!problems.isEmpty()) {
                problems.forEach(err::println);
                err.flush();
                return 2;
            }
            try (Database database = store.open()) {
                Workspace found = find(database, workspace, err);
                if (found == null) return 1;
                if (retentionChange) {
                    new WorkspaceStore(database).setEventRetentionDays(found.name(), keepForever ? null : retentionDays);
                    spec.commandLine().getOut().println("event retention:       "
                            + (keepForever ? "keep forever" : retentionDays + " days"));
                }
                if (!embedChange) {
                    spec.commandLine().getOut().flush();
                    return 0;
                }
                EmbedSettings updated = new EmbedSettingsStore(database).update(found.id(), current -> current.with(
                        origins != null || clearOrigins ? parsed : current.allowedOrigins(),
                        mode != null ? mode : current.verification(), Clock.systemUTC().millis()));
                print(spec.commandLine().getOut(), found.name(), updated);
                if (updated.verification() == EmbedSettings.Verification.OFF) {
                    err.println("warning: with identity verification off, anyone who loads an allowed page can act as any user id");
                    err.flush();
                }
                return 0;
            }
        }
    }

    @Command(name = "rotate-identity-secret", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Create a new identity secret and print it alone on stdout (shown only this once); the old one stops working.")
    static final class RotateIdentitySecret implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "--workspace", defaultValue = "default", description = "Workspace name (default: default).")
        String workspace;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Database database = store.open()) {
                Workspace found = find(database, workspace, spec.commandLine().getErr());
                if (found == null) return 1;
                String secret = new EmbedSettingsStore(database).rotateSecret(found.id(), Clock.systemUTC().millis());
                spec.commandLine().getOut().println(secret);
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }
}
