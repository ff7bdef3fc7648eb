package so.cueflow;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import so.cueflow.storage.Database;

import java.util.concurrent.Callable;

@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Create or upgrade the store's schema, then exit.")
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Database database = store.open()) {
            spec.commandLine().getOut().println("the store is migrated: " + database.describe());
            return 0;
        }
    }
}
