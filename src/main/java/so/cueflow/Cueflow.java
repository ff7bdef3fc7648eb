package so.cueflow;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code serve}, {@code keys create|list|revoke}, {@code workspace}, {@code migrate}. */
@Command(name = "cueflow", mixinStandardHelpOptions = true, version = "cueflow 0.1.0",
        description = "Event tracking and in-app messages you run yourself.",
        subcommands = {ServeCommand.class, KeysCommand.class, WorkspaceCommand.class, UsersCommand.class, MigrateCommand.class})
public final class Cueflow implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Cueflow());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
