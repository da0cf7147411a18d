package atelier;

import atelier.cli.AtelierCommand;
import atelier.nd4j.Nd4jSetup;
import atelier.ui.AtelierApp;

/**
 * Entry point: with no arguments it opens the window, with arguments it runs a command. It does not extend
 * javafx.application.Application, so that JavaFX can be started from the class path of a plain jar.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // before anything loads ND4J: native variant, helpers, threads (bench sets its own thread count)
        if (args.length == 0 || !args[0].equals("bench")) {
            Nd4jSetup.configure();
        }
        if (args.length == 0) {
            AtelierApp.launchWindow(args);
            return;
        }
        System.exit(AtelierCommand.execute(args));
    }
}
