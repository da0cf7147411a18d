package atelier.cli;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelEdit;
import atelier.data.LabelView;
import atelier.data.Split;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        description = "Relabel, exclude, restore, undo or redo through the dataset's label journal, or list the "
                + "edits in effect; the dataset's own files are never changed.")
public final class LabelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "relabel|exclude|restore|undo|redo|list")
    String action;

    @Option(names = "--json", description = "list: print one JSON document on stdout")
    boolean json;

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
        if ("list".equals(action)) {
            return list(view);
        }
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

    /** Every image whose label or exclusion differs from the dataset's own, per split, in index order. */
    private int list(LabelView view) {
        List<Map<String, Object>> rows = new ArrayList<>();
        var dataset = view.dataset();
        for (Split s : Split.values()) {
            java.util.SortedSet<Integer> edited = new java.util.TreeSet<>(view.journal().excluded(s));
            edited.addAll(view.journal().labelOverrides(s).keySet());
            for (int index : edited) {
                if (!view.isEdited(s, index)) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("split", s.key());
                row.put("index", index);
                row.put("originalLabel", view.originalLabel(s, index));
                row.put("originalClass", dataset.className(view.originalLabel(s, index)));
                row.put("label", view.label(s, index));
                row.put("class", dataset.className(view.label(s, index)));
                row.put("excluded", view.isExcluded(s, index));
                if (dataset.split(s).hasFiles()) {
                    row.put("file", dataset.split(s).file(index).toString());
                }
                rows.add(row);
            }
        }
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("dataset", dataset.source().toAbsolutePath().normalize().toString());
            document.put("journal", String.valueOf(view.journal().file()));
            document.put("edits", rows);
            out.println(Json.write(document));
        } else {
            for (Map<String, Object> row : rows) {
                out.printf("%-5s %6d  %s%s%n", row.get("split"), (Integer) row.get("index"), row.get("originalClass"),
                        (Boolean) row.get("excluded") ? " → excluded"
                                : " → " + row.get("class"));
            }
            spec.commandLine().getErr().printf("%d image(s) edited, journal %s%n", rows.size(), view.journal().file());
        }
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
