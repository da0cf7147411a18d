package atelier.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** The real dialogs, owned by the main window. */
public final class FxDialogService implements DialogService {
    private final Window owner;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) {
            chooser.setInitialDirectory(initial.toFile());
        }
        File chosen = chooser.showDialog(owner);
        return Optional.ofNullable(chosen).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseNewFolder(String title, Path suggestion) {
        TextInputDialog dialog = new TextInputDialog(suggestion.toAbsolutePath().normalize().toString());
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText("A new folder; it must not exist yet.");
        dialog.setContentText("Folder:");
        return dialog.showAndWait().filter(s -> !s.isBlank()).map(Path::of);
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, Path initialFolder, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (initialFolder != null && Files.isDirectory(initialFolder)) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(extension.toUpperCase(java.util.Locale.ROOT) + " files",
                        "*." + extension),
                new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = chooser.showOpenDialog(owner);
        return Optional.ofNullable(chosen).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        int dot = suggestedName.lastIndexOf('.');
        if (dot > 0) {
            String extension = suggestedName.substring(dot + 1);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase() + " files",
                    "*." + extension));
        }
        File chosen = chooser.showSaveDialog(owner);
        return Optional.ofNullable(chosen).map(File::toPath);
    }

    @Override
    public Optional<MislabelSettings> askMislabelSettings(MislabelSettings suggestion) {
        Dialog<MislabelSettings> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Generate mislabelled MNIST");
        dialog.setHeaderText("Writes MNIST as PNG files with some training labels changed (sheet 2 §1.4).\n"
                + "The truth goes to <folder>.truth.csv beside the folder, for scoring only.");
        Spinner<Integer> flips = new Spinner<>(0, 60_000, suggestion.flips(), 10);
        flips.setEditable(true);
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) suggestion.seed());
        seed.setEditable(true);
        TextField out = new TextField(suggestion.out().toAbsolutePath().normalize().toString());
        HBox.setHgrow(out, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> chooseDirectory("Parent folder", Path.of(out.getText()).getParent())
                .ifPresent(parent -> out.setText(parent.resolve(Path.of(out.getText()).getFileName()).toString())));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Labels to change:"), flips);
        grid.addRow(1, new Label("Seed:"), seed);
        HBox outRow = new HBox(6, out, browse);
        outRow.setAlignment(Pos.CENTER_LEFT);
        outRow.setPrefWidth(460);
        grid.addRow(2, new Label("New folder:"), outRow);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? new MislabelSettings(flips.getValue(), seed.getValue(), Path.of(out.getText())) : null);
        return dialog.showAndWait();
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle("Atelier");
        alert.setHeaderText(title);
        alert.getDialogPane().setMinWidth(520);
        alert.show();
    }

    @Override
    public void notify(String message) {
        Notifications.create().owner(owner).text(message).hideAfter(Duration.seconds(5))
                .position(Pos.BOTTOM_RIGHT).showInformation();
    }
}
