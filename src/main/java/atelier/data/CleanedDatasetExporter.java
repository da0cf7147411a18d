package atelier.data;

import atelier.task.Progress;
import java.nio.file.Path;

/** "Export cleaned dataset": the dataset as its journal edits it, as a new image folder; excluded images left out. */
public final class CleanedDatasetExporter {
    private CleanedDatasetExporter() {
    }

    public static void export(LabelView view, Path out, Progress progress) {
        Dataset dataset = view.dataset();
        ImageFolderWriter.write(out, dataset.classes(),
                dataset.train(), i -> view.isExcluded(Split.TRAIN, i) ? ImageFolderWriter.SKIP : view.label(Split.TRAIN, i),
                dataset.test(), i -> view.isExcluded(Split.TEST, i) ? ImageFolderWriter.SKIP : view.label(Split.TEST, i),
                progress);
    }
}
