package atelier;

import atelier.cli.AtelierCommand;
import atelier.ui.AtelierApp;

/**
 * Entry point: with no arguments it opens the window, with arguments it runs a command. It does not extend
 * javafx.application.Application, so that JavaFX can be started from the class path of a plain jar.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            AtelierApp.launchWindow(args);
            return;
        }
        System.exit(AtelierCommand.execute(args));
    }
}
