package so.cueflow;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The command line: {@code serve}, {@code keys create|list|revoke}, {@code workspace}, {@code migrate}. */
@Command(name = "cueflow", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Event tracking and in-app messages you run yourself.",
        subcommands = {ServeCommand.class, KeysCommand.class, WorkspaceCommand.class, UsersCommand.class, MigrateCommand.class})
public final class Cueflow implements Runnable {
    /** The exit code of a command line or setting that cannot work. */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** A wrong option or setting is one line on stderr and exit code 2: no usage dump, no stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Cueflow());
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            tell(command.getErr(), e.getMessage() + " (see: " + command.getCommandSpec().qualifiedName() + " --help)");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            if (!(e instanceof ConfigException)) throw e;
            tell(command.getErr(), "cueflow: " + e.getMessage());
            return USAGE;
        });
        return commandLine;
    }

    private static void tell(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
