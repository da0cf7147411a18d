package atelier.ui;

import java.nio.file.Path;
import java.util.Optional;

/** Everything that asks the user something, behind one interface so that tests can answer instead (as in JabRef). */
public interface DialogService {
    Optional<Path> chooseDirectory(String title, Path initial);

    /** Asks for a folder that does not exist yet, to be created. */
    Optional<Path> chooseNewFolder(String title, Path suggestion);

    /** Asks for an existing file, starting in {@code initialFolder}, offering files ending in {@code extension}. */
    Optional<Path> chooseOpenFile(String title, Path initialFolder, String extension);

    /** Asks where to save a file, suggesting {@code suggestedName}. */
    Optional<Path> chooseSaveFile(String title, String suggestedName);

    Optional<MislabelSettings> askMislabelSettings(MislabelSettings suggestion);

    void showError(String title, String message);

    void notify(String message);

    record MislabelSettings(int flips, long seed, Path out) {
    }
}
