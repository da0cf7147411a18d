package atelier.ui;

import atelier.model.ArchitectureCatalog;
import atelier.nd4j.Nd4jSetup;
import atelier.train.CatalogModelFactory;
import atelier.train.RunStore;
import atelier.train.TrainingService;
import atelier.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window whose tabs share an {@link AppModel}. */
public final class AtelierApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(AtelierApp.class);

    private BackgroundTasks tasks;
    private TrainingService training;
    private AppModel model;

    public static void launchWindow(String[] args) {
        Application.launch(AtelierApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        LOG.info("JavaFX started {} ms after JVM start", sinceJvmStart());
        tasks = new BackgroundTasks();
        Workspace workspace = Workspace.defaultWorkspace();
        training = new TrainingService(new RunStore(workspace.runs()), new CatalogModelFactory(LOG::info));
        model = new AppModel(workspace, tasks, training);
        model.holdBackgroundWorkUntilShown();
        // reading Fashion-MNIST overlaps building the window; the tabs see it once the window is up
        model.loadDataset(DatasetChoice.FASHION_MNIST);
        MainWindow window = new MainWindow(model, new FxDialogService(stage), ArchitectureCatalog::names);
        // 1280×820, or the screen when it is smaller (a 1024×700 screen would otherwise cut the window off)
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(window.root(), Math.min(1280, screen.getWidth()), Math.min(820, screen.getHeight()));
        scene.getStylesheets().add(AtelierApp.class.getResource("atelier.css").toExternalForm());
        LOG.info("window built {} ms after JVM start", sinceJvmStart());
        stage.setTitle("Atelier");
        stage.setScene(scene);
        stage.show();
        LOG.info("window shown {} ms after JVM start", sinceJvmStart());
        // ND4J's native library (a second or two) and the Architecture tab's first build wait for the window:
        // training and builds wait for the library when they need it (TrainingService configures again)
        Thread loader = new Thread(Nd4jSetup::configure, "atelier-nd4j-load");
        loader.setDaemon(true);
        loader.start();
        model.windowShown();
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close(10);
        }
        if (tasks != null) {
            tasks.shutdown();
        }
        if (training != null) {
            training.close();
        }
    }
}
