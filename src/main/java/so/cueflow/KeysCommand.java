package so.cueflow;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.http.Times;
import so.cueflow.storage.Database;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

@Command(name = "keys", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Create a key and print it alone on stdout (it is shown only this once).")
    static final class Create implements java.util.concurrent.Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "--workspace", defaultValue = "default", description = "Workspace name; created if new (default: default).")
        String workspace;
        @Option(names = "--name", defaultValue = "unnamed", description = "A name to recognise the key by.")
        String name;
        @Option(names = "--publishable", description = "A publishable key (pk_...) for the embed script: it works only on /api/v1/embed/*.")
        boolean publishable;
        @Option(names = "--rate-limit", description = "Requests a minute for this key (0: unlimited); default: the server's --rate-limit-per-minute.")
        Long rateLimit;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (rateLimit != null && rateLimit < 0) throw new ConfigException("--rate-limit must be 0 (unlimited) or more, not " + rateLimit);
            try (Database database = store.open()) {
                long now = Clock.systemUTC().millis();
                Workspace found = new WorkspaceStore(database).findOrCreate(workspace, now);
                KeyStore.CreatedKey key = new KeyStore(database).create(found, publishable ? ApiKey.Kind.PUBLISHABLE : ApiKey.Kind.SECRET, name, rateLimit, now);
                spec.commandLine().getOut().println(key.plaintext());
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "List keys: name, prefix, workspace, created, last used, revoked.")
    static final class ListKeys implements java.util.concurrent.Callable<Integer> {
        @Mixin
        StoreOptions store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Database database = store.open()) {
                PrintWriter out = spec.commandLine().getOut();
                String format = "%-20s %-13s %-12s %-16s %-24s %-24s %s%n";
                out.printf(format, "NAME", "PREFIX", "KIND", "WORKSPACE", "CREATED", "LAST USED", "REVOKED");
                for (ApiKey key : new KeyStore(database).list()) {
                    out.printf(format, key.name(), key.prefix(), key.kind().name().toLowerCase(), key.workspaceName(),
                            Times.format(key.createdAt()), orDash(Times.format(key.lastUsedAt())),
                            orDash(Times.format(key.revokedAt())));
                }
                out.flush();
                return 0;
            }
        }

        private static String orDash(String value) {
            return value == null ? "-" : value;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Revoke the key with this prefix; running servers refuse it within a second.")
    static final class Revoke implements java.util.concurrent.Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Parameters(paramLabel = "PREFIX", description = "The key's first characters, as shown by keys list.")
        String prefix;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Database database = store.open()) {
                KeyStore keys = new KeyStore(database);
                List<ApiKey> matches = keys.findByPrefix(prefix).stream().filter(key -> !key.revoked()).toList();
                PrintWriter err = spec.commandLine().getErr();
                if (prefix.length() < 6 || matches.size() != 1) {
                    err.println(matches.isEmpty() ? "no active key starts with \"" + prefix + "\""
                            : "\"" + prefix + "\" is ambiguous or too short: give at least 6 characters naming exactly one active key");
                    err.flush();
                    return 1;
                }
                keys.revoke(matches.get(0), Clock.systemUTC().millis());
                spec.commandLine().getOut().println("revoked " + matches.get(0).prefix() + " (" + matches.get(0).name() + ")");
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }
}
