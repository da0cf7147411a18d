package atelier.ui.training;

import atelier.data.AtomicFiles;
import atelier.ui.DialogService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes what a plot shows to a PNG file: snapshot on the FX thread, encoding and writing off it. */
public final class PlotExport {
    private PlotExport() {
    }

    public static void write(Node plot, Path file, DialogService dialogs) {
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setTransform(javafx.scene.transform.Transform.scale(2, 2));
        WritableImage image = plot.snapshot(parameters, null);
        var buffered = SwingFXUtils.fromFXImage(image, null);
        Thread writer = new Thread(() -> {
            try {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(buffered, "png", png);
                AtomicFiles.write(file, png.toByteArray());
                javafx.application.Platform.runLater(() -> dialogs.notify("Saved " + file));
            } catch (IOException | RuntimeException e) {
                javafx.application.Platform.runLater(() -> dialogs.showError("Cannot save " + file, e.getMessage()));
            }
        }, "atelier-png-export");
        writer.setDaemon(true);
        writer.start();
    }
}
