package atelier.cli;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelEdit;
import atelier.data.LabelView;
import atelier.data.Split;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code label relabel|exclude|restore|undo|redo}: edit a dataset's label journal from scripts. */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = "Relabel, exclude, restore, undo or redo through the dataset's label journal; the dataset's "
                + "own files are never changed.")
public final class LabelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "relabel|exclude|restore|undo|redo")
    String action;

    @Option(names = "--dataset", required = true, paramLabel = "fashion|mnist|PATH")
    String dataset;

    @Option(names = "--index", split = ",", paramLabel = "I[,I...]",
            description = "image index within the split; several (comma-separated or repeated) make one journal "
                    + "edit each")
    List<Integer> indices;

    @Option(names = "--label", description = "new label (relabel)")
    Integer label;

    @Option(names = "--split", defaultValue = "train")
    String split;

    @Option(names = "--workspace")
    Path workspace;

    @Override
    public Integer call() {
        Workspace space = workspace != null ? new Workspace(workspace) : Workspace.defaultWorkspace();
        Dataset loaded = DatasetLoader.load(dataset, atelier.task.Progress.NONE);
        LabelView view = new LabelView(loaded, space.openJournal(loaded));
        Split which = Split.parse(split);
        List<LabelEdit> edits = switch (action) {
            case "relabel" -> each(index -> view.relabel(which, index, required(label, "--label")));
            case "exclude" -> each(index -> view.exclude(which, index));
            case "restore" -> each(index -> view.restore(which, index));
            case "undo" -> List.of(nothing(view.journal().undo(), "undo"));
            case "redo" -> List.of(nothing(view.journal().redo(), "redo"));
            default -> throw new IllegalArgumentException("unknown action '" + action
                    + "': use relabel, exclude, restore, undo or redo");
        };
        for (LabelEdit edit : edits) {
            spec.commandLine().getErr().printf("%s %s image %d%s%n", action, edit.split(), edit.index(),
                    edit.label() != null ? " → " + loaded.className(edit.label()) : "");
        }
        spec.commandLine().getErr().printf("%d edit(s) in journal %s%n", edits.size(), view.journal().file());
        return 0;
    }

    private List<LabelEdit> each(IntFunction<LabelEdit> edit) {
        if (indices == null || indices.isEmpty()) {
            throw new IllegalArgumentException("--index is required for " + action);
        }
        return indices.stream().map(edit::apply).toList();
    }

    private static int required(Integer value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required for this action");
        }
        return value;
    }

    private static LabelEdit nothing(Optional<LabelEdit> edit, String what) {
        return edit.orElseThrow(() -> new IllegalStateException("nothing to " + what));
    }
}
