package so.cueflow;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import so.cueflow.auth.Workspace;
import so.cueflow.dashboard.AccountLinks;
import so.cueflow.dashboard.MembershipStore;
import so.cueflow.dashboard.Role;
import so.cueflow.dashboard.User;
import so.cueflow.dashboard.UserStore;
import so.cueflow.storage.Database;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Dashboard users from the command line: one-time links only, never a password on the command line. */
@Command(name = "users", description = "Add dashboard users and reset their passwords with one-time links.",
        subcommands = {UsersCommand.Create.class, UsersCommand.ResetPassword.class})
final class UsersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where printed links point. */
    static final class LinkOptions {
        @Option(names = "--public-url", defaultValue = "${env:CUEFLOW_PUBLIC_URL}",
                description = "The URL people reach the server at (env CUEFLOW_PUBLIC_URL; default http://localhost:$CUEFLOW_PORT or 8080).")
        String publicUrl;

        String base() {
            if (publicUrl != null) return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
            String port = System.getenv().getOrDefault("CUEFLOW_PORT", "8080");
            return "http://localhost:" + port;
        }
    }

    @Command(name = "create", description = "Print a one-time link (valid 24 hours) with which E chooses a name and password"
            + " and joins W; an existing user is added to W at once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Mixin
        LinkOptions links;
        @Option(names = "--email", required = true, description = "The user's email address.")
        String email;
        @Option(names = "--workspace", defaultValue = "default", description = "Workspace name (default: default).")
        String workspace;
        @Option(names = "--role", defaultValue = "member", paramLabel = "admin|member", description = "admin or member (default: member).")
        String role;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Role parsed = Role.parse(role);
            if (parsed == null || !email.contains("@")) {
                err.println(parsed == null ? "--role must be admin or member" : "--email must be an email address");
                err.flush();
                return 2;
            }
            try (Database database = store.open()) {
                Workspace found = WorkspaceCommand.find(database, workspace, err);
                if (found == null) return 1;
                Clock clock = Clock.systemUTC();
                Optional<User> existing = new UserStore(database).findByEmail(email);
                if (existing.isPresent()) {
                    new MembershipStore(database).put(found.id(), existing.get().id(), parsed, clock.millis());
                    out.println(existing.get().email() + " is now " + parsed.wireName() + " of " + found.name()
                            + "; they sign in with their password as before.");
                } else {
                    out.println(links.base() + new AccountLinks(database, clock).newUser(email, found, parsed));
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "reset-password", description = "Print a one-time link (valid 24 hours) with which the user chooses a new"
            + " password; using it signs them out everywhere.")
    static final class ResetPassword implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Mixin
        LinkOptions links;
        @Option(names = "--email", required = true, description = "The user's email address.")
        String email;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Database database = store.open()) {
                if (new UserStore(database).findByEmail(email).isEmpty()) {
                    spec.commandLine().getErr().println("no dashboard user has the email \"" + email + "\" (users create adds one)");
                    spec.commandLine().getErr().flush();
                    return 1;
                }
                spec.commandLine().getOut().println(links.base() + new AccountLinks(database, Clock.systemUTC()).passwordReset(email));
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }
}
