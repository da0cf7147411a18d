package atelier.cli;

import atelier.train.bench.BenchCommand;
import atelier.ui.AtelierApp;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code atelier} command: every action of the window, scriptable. With no subcommand it opens the window. */
@Command(name = "atelier", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Atelier, a desktop deep-learning training lab. Run without a command to open the window.",
        subcommands = {DataCommand.class, ParamsCommand.class, TrainCommand.class, RunsCommand.class,
            AnalysisCommands.Confusion.class, AnalysisCommands.TopLosses.class, FindLabelErrorsCommand.class,
            LabelCommand.class, BenchCommand.class, StudyCommand.class, TsneCommand.class, AugmentCommand.class,
            ActmaxCommand.class, SearchCommand.class,
            CommandLine.HelpCommand.class})
public final class AtelierCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        AtelierApp.launchWindow(new String[0]);
        return 0;
    }

    /** Runs the command line and returns the exit code; errors become one line on stderr. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new AtelierCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(exception));
            return 1;
        });
        return commandLine.execute(args);
    }

    static String oneLine(Throwable exception) {
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            message = exception.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
