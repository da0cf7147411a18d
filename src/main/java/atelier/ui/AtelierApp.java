package atelier.ui;

import atelier.workspace.Workspace;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window whose tabs share an {@link AppModel}. */
public final class AtelierApp extends Application {
    private BackgroundTasks tasks;

    public static void launchWindow(String[] args) {
        Application.launch(AtelierApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        tasks = new BackgroundTasks();
        AppModel model = new AppModel(Workspace.defaultWorkspace(), tasks);
        MainWindow window = new MainWindow(model, new FxDialogService(stage));
        Scene scene = new Scene(window.root(), 1280, 820);
        scene.getStylesheets().add(AtelierApp.class.getResource("atelier.css").toExternalForm());
        stage.setTitle("Atelier");
        stage.setScene(scene);
        stage.show();
        model.loadDataset(DatasetChoice.FASHION_MNIST);
    }

    @Override
    public void stop() {
        if (tasks != null) {
            tasks.shutdown();
        }
    }
}
