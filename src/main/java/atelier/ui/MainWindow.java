package atelier.ui;

import atelier.ui.activation.ActivationView;
import atelier.ui.activation.ActivationViewModel;
import atelier.ui.architecture.ArchitectureView;
import atelier.ui.architecture.ArchitectureViewModel;
import atelier.ui.augmentation.AugmentationView;
import atelier.ui.augmentation.AugmentationViewModel;
import atelier.ui.dataset.DatasetView;
import atelier.ui.dataset.DatasetViewModel;
import atelier.ui.diagnosis.DiagnosisView;
import atelier.ui.diagnosis.DiagnosisViewModel;
import atelier.ui.study.StudyView;
import atelier.ui.study.StudyViewModel;
import atelier.ui.tsne.TsneView;
import atelier.ui.tsne.TsneViewModel;
import atelier.ui.search.SearchView;
import atelier.ui.search.SearchViewModel;
import atelier.ui.training.TrainingView;
import atelier.ui.training.TrainingViewModel;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.StatusBar;

/** The window's layout: one tab per job, and a status bar showing the background work with a cancel button. */
public final class MainWindow {
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();

    /** @param architectureNames the architectures the Training tab offers */
    public MainWindow(AppModel model, DialogService dialogs, Supplier<List<String>> architectureNames) {
        DatasetView datasetView = new DatasetView(new DatasetViewModel(model), dialogs);
        Tab datasetTab = new Tab("Dataset", datasetView.root());
        datasetTab.setId("dataset-tab");
        AugmentationView augmentationView = new AugmentationView(new AugmentationViewModel(model), dialogs);
        Tab augmentationTab = new Tab("Augmentation", augmentationView.root());
        augmentationTab.setId("augmentation-tab");
        ArchitectureView architectureView = new ArchitectureView(new ArchitectureViewModel(model), dialogs);
        Tab architectureTab = new Tab("Architecture", architectureView.root());
        architectureTab.setId("architecture-tab");
        TrainingView trainingView = new TrainingView(new TrainingViewModel(model, architectureNames), dialogs);
        Tab trainingTab = new Tab("Training", trainingView.root());
        trainingTab.setId("training-tab");
        DiagnosisViewModel diagnosisModel = new DiagnosisViewModel(model);
        DiagnosisView diagnosisView = new DiagnosisView(diagnosisModel, dialogs);
        Tab diagnosisTab = new Tab("Diagnosis", diagnosisView.root());
        diagnosisTab.setId("diagnosis-tab");
        diagnosisTab.setOnSelectionChanged(e -> {
            if (diagnosisTab.isSelected()) {
                diagnosisModel.refreshRuns();
            }
        });
        TsneView tsneView = new TsneView(new TsneViewModel(model, Platform::runLater), dialogs);
        Tab tsneTab = new Tab("t-SNE", tsneView.root());
        tsneTab.setId("tsne-tab");
        Tab studiesTab = new Tab("Studies", new StudyView(new StudyViewModel(model), dialogs).root());
        studiesTab.setId("studies-tab");
        ActivationView activationView = new ActivationView(new ActivationViewModel(model), dialogs);
        Tab activationTab = new Tab("Activation", activationView.root());
        activationTab.setId("activation-tab");
        model.events().subscribe(AppEvents.ClassRequested.class,
                request -> tabs.getSelectionModel().select(diagnosisTab));
        SearchView searchView = new SearchView(new SearchViewModel(model), dialogs);
        Tab searchTab = new Tab("Search", searchView.root());
        searchTab.setId("search-tab");
        tabs.getTabs().addAll(datasetTab, augmentationTab, architectureTab, trainingTab, diagnosisTab, tsneTab,
                activationTab, searchTab, studiesTab);
        model.events().subscribe(AppEvents.CustomLayersRequested.class,
                request -> tabs.getSelectionModel().select(architectureTab));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(tabs);
        root.setBottom(statusBar(model));
        model.events().subscribe(AppEvents.Failure.class, f -> dialogs.showError(f.title(), f.message()));
        model.events().subscribe(AppEvents.Notice.class, n -> dialogs.notify(n.message()));
    }

    private static StatusBar statusBar(AppModel model) {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-task");
        var current = model.tasks().currentProperty();
        cancel.visibleProperty().bind(current.isNotNull());
        cancel.setOnAction(e -> {
            Task<?> task = current.get();
            if (task != null) {
                task.cancel(true);
            }
        });
        bar.getRightItems().add(cancel);
        current.addListener((obs, old, task) -> {
            bar.textProperty().unbind();
            bar.progressProperty().unbind();
            if (task == null) {
                bar.setProgress(0);
                bar.textProperty().bind(Bindings.createStringBinding(() -> describe(model),
                        model.datasetProperty()));
            } else {
                bar.textProperty().bind(task.messageProperty());
                bar.progressProperty().bind(task.progressProperty());
            }
        });
        bar.textProperty().bind(Bindings.createStringBinding(() -> describe(model), model.datasetProperty()));
        return bar;
    }

    private static String describe(AppModel model) {
        if (model.dataset() == null) {
            return "No dataset open";
        }
        var d = model.dataset().dataset();
        return String.format("%s · %,d training and %,d test images · %dx%d · workspace %s", d.name(),
                d.train().size(), d.test().size(), d.width(), d.height(), model.workspace().root());
    }

    public Parent root() {
        return root;
    }

    public TabPane tabs() {
        return tabs;
    }
}
