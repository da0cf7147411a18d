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
        System.setProperty(ProcessLabel.PROPERTY, args.length == 0 ? "app" : args[0]);
        if (args.length == 0) {
            // the variant, helpers and threads are set before anything touches ND4J; its native library loads
            // once the window is shown (AtelierApp)
            Nd4jSetup.prepare(Nd4jSetup.defaultThreads());
            AtelierApp.launchWindow(args);
            return;
        }
        // before anything loads ND4J: native variant, helpers, threads (bench sets its own thread count)
        if (!args[0].equals("bench")) {
            Nd4jSetup.configure();
        }
        System.exit(AtelierCommand.execute(args));
    }
}
