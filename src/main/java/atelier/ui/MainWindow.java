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
        // Only the Dataset tab is made before the window's first frame. The other tabs' view models (they keep the
        // state and follow the app's events) are made right after it, all in one go on the FX thread, before any
        // input the user gives can be handled; their layouts are built when a tab is first shown, or one per pulse
        // once the first dataset is open. So the window and the first thumbnails wait for neither.
        DatasetView datasetView = new DatasetView(new DatasetViewModel(model), dialogs);
        Tab datasetTab = new Tab("Dataset", datasetView.root());
        datasetTab.setId("dataset-tab");
        Later<AugmentationViewModel> augmentation = later(() -> new AugmentationViewModel(model));
        Tab augmentationTab = lazyTab("Augmentation", "augmentation-tab",
                () -> new AugmentationView(augmentation.get(), dialogs).root());
        Later<ArchitectureViewModel> architecture = later(() -> new ArchitectureViewModel(model));
        Tab architectureTab = lazyTab("Architecture", "architecture-tab",
                () -> new ArchitectureView(architecture.get(), dialogs).root());
        Later<TrainingViewModel> training = later(() -> new TrainingViewModel(model, architectureNames));
        Tab trainingTab = lazyTab("Training", "training-tab", () -> new TrainingView(training.get(), dialogs).root());
        Later<DiagnosisViewModel> diagnosisModel = later(() -> new DiagnosisViewModel(model));
        Tab diagnosisTab = lazyTab("Diagnosis", "diagnosis-tab",
                () -> new DiagnosisView(diagnosisModel.get(), dialogs).root());
        diagnosisTab.selectedProperty().addListener((obs, was, selected) -> {
            if (selected) {
                diagnosisModel.get().refreshRuns();
            }
        });
        Later<TsneViewModel> tsne = later(() -> new TsneViewModel(model, Platform::runLater));
        Tab tsneTab = lazyTab("t-SNE", "tsne-tab", () -> new TsneView(tsne.get(), dialogs).root());
        Later<StudyViewModel> studies = later(() -> new StudyViewModel(model));
        Tab studiesTab = lazyTab("Studies", "studies-tab", () -> new StudyView(studies.get(), dialogs).root());
        Later<ActivationViewModel> activation = later(() -> new ActivationViewModel(model));
        Tab activationTab = lazyTab("Activation", "activation-tab",
                () -> new ActivationView(activation.get(), dialogs).root());
        model.events().subscribe(AppEvents.ClassRequested.class,
                request -> tabs.getSelectionModel().select(diagnosisTab));
        Later<SearchViewModel> search = later(() -> new SearchViewModel(model));
        Tab searchTab = lazyTab("Search", "search-tab", () -> new SearchView(search.get(), dialogs).root());
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
        afterFirstFrame(() -> viewModels.forEach(Later::get));
    }

    /** A view model made on first use, or after the window's first frame, whichever comes first; FX thread only. */
    private static final class Later<T> implements Supplier<T> {
        private Supplier<T> make;
        private T made;

        Later(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public T get() {
            if (make != null) {
                made = make.get();
                make = null;
            }
            return made;
        }
    }

    private final List<Later<?>> viewModels = new java.util.ArrayList<>();

    private <T> Later<T> later(Supplier<T> make) {
        Later<T> later = new Later<>(make);
        viewModels.add(later);
        return later;
    }

    /** Runs {@code action} on the FX thread once the window has laid out and drawn its first frame. */
    private void afterFirstFrame(Runnable action) {
        root.sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> obs,
                                javafx.scene.Scene old, javafx.scene.Scene scene) {
                if (scene == null) {
                    return;
                }
                root.sceneProperty().removeListener(this);
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    scene.removePostLayoutPulseListener(once[0]);
                    Platform.runLater(action);
                };
                scene.addPostLayoutPulseListener(once[0]);
            }
        });
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
