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
    private boolean aheadScheduled;

    /** @param architectureNames the architectures the Training tab offers */
    public MainWindow(AppModel model, DialogService dialogs, Supplier<List<String>> architectureNames) {
        // Every tab's view model exists from the start (they keep the state and follow the app's events); a tab's
        // layout is built when the tab is first shown, or in the background once the first dataset is open, so
        // that the window and the first thumbnails do not wait for eight tabs nobody looks at yet.
        DatasetView datasetView = new DatasetView(new DatasetViewModel(model), dialogs);
        Tab datasetTab = new Tab("Dataset", datasetView.root());
        datasetTab.setId("dataset-tab");
        AugmentationViewModel augmentation = new AugmentationViewModel(model);
        Tab augmentationTab = lazyTab("Augmentation", "augmentation-tab",
                () -> new AugmentationView(augmentation, dialogs).root());
        ArchitectureViewModel architecture = new ArchitectureViewModel(model);
        Tab architectureTab = lazyTab("Architecture", "architecture-tab",
                () -> new ArchitectureView(architecture, dialogs).root());
        TrainingViewModel training = new TrainingViewModel(model, architectureNames);
        Tab trainingTab = lazyTab("Training", "training-tab", () -> new TrainingView(training, dialogs).root());
        DiagnosisViewModel diagnosisModel = new DiagnosisViewModel(model);
        Tab diagnosisTab = lazyTab("Diagnosis", "diagnosis-tab",
                () -> new DiagnosisView(diagnosisModel, dialogs).root());
        diagnosisTab.selectedProperty().addListener((obs, was, selected) -> {
            if (selected) {
                diagnosisModel.refreshRuns();
            }
        });
        TsneViewModel tsne = new TsneViewModel(model, Platform::runLater);
        Tab tsneTab = lazyTab("t-SNE", "tsne-tab", () -> new TsneView(tsne, dialogs).root());
        StudyViewModel studies = new StudyViewModel(model);
        Tab studiesTab = lazyTab("Studies", "studies-tab", () -> new StudyView(studies, dialogs).root());
        ActivationViewModel activation = new ActivationViewModel(model);
        Tab activationTab = lazyTab("Activation", "activation-tab",
                () -> new ActivationView(activation, dialogs).root());
        model.events().subscribe(AppEvents.ClassRequested.class,
                request -> tabs.getSelectionModel().select(diagnosisTab));
        SearchViewModel search = new SearchViewModel(model);
        Tab searchTab = lazyTab("Search", "search-tab", () -> new SearchView(search, dialogs).root());
        tabs.getTabs().addAll(datasetTab, augmentationTab, architectureTab, trainingTab, diagnosisTab, tsneTab,
                activationTab, searchTab, studiesTab);
        model.events().subscribe(AppEvents.CustomLayersRequested.class,
                request -> tabs.getSelectionModel().select(architectureTab));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(tabs);
        root.setBottom(statusBar(model));
        model.events().subscribe(AppEvents.Failure.class, f -> dialogs.showError(f.title(), f.message()));
        model.events().subscribe(AppEvents.Notice.class, n -> dialogs.notify(n.message()));
        model.events().subscribe(AppEvents.DatasetOpened.class, opened -> buildRemainingTabsSoon());
    }

    /** A tab whose content is made by {@code content} the first time it is selected (or built ahead). */
    private static Tab lazyTab(String title, String id, Supplier<? extends javafx.scene.Node> content) {
        Tab tab = new Tab(title);
        tab.setId(id);
        tab.setUserData(content);
        tab.selectedProperty().addListener((obs, was, selected) -> {
            if (selected) {
                build(tab);
            }
        });
        return tab;
    }

    private static void build(Tab tab) {
        if (tab.getContent() == null && tab.getUserData() instanceof Supplier<?> content) {
            tab.setUserData(null);
            tab.setContent((javafx.scene.Node) content.get());
        }
    }

    /**
     * After the first dataset opened and its thumbnails had a moment to appear, builds the tabs not yet shown, one
     * per pulse, so that switching to any of them later is immediate.
     */
    private void buildRemainingTabsSoon() {
        if (aheadScheduled) {
            return;
        }
        aheadScheduled = true;
        javafx.animation.PauseTransition pause = new javafx.animation.PauseTransition(
                javafx.util.Duration.seconds(1));
        pause.setOnFinished(e -> buildNext(0));
        pause.play();
    }

    private void buildNext(int index) {
        if (index >= tabs.getTabs().size()) {
            return;
        }
        build(tabs.getTabs().get(index));
        Platform.runLater(() -> buildNext(index + 1));
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
