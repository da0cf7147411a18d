package atelier.cli;

import atelier.train.RunStore;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atelier runs list}: the runs of a workspace, newest first, damaged ones included. */
@Command(name = "runs", description = "List, rename or delete recorded runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.RenameRun.class, RunsCommand.DeleteRun.class})
public final class RunsCommand {

    @Command(name = "rename", mixinStandardHelpOptions = true,
            description = "Give a run a new name (no other run may have it); its folder stays.")
    static final class RenameRun implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "RUN", description = "folder, folder name or name")
        String run;

        @picocli.CommandLine.Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Option(names = "--workspace", description = "workspace folder (default ~/atelier-workspace)")
        Path workspace;

        @Override
        public Integer call() {
            RunStore store = new RunStore((workspace != null ? new Workspace(workspace)
                    : Workspace.defaultWorkspace()).runs());
            Path folder = store.resolve(run);
            store.rename(folder, name);
            spec.commandLine().getErr().println(folder.getFileName() + " is now named " + name.trim());
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Move a run to the workspace's trash folder (trash/runs), from where it can be moved back.")
    static final class DeleteRun implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "RUN", description = "folder, folder name or name")
        String run;

        @Option(names = "--workspace", description = "workspace folder (default ~/atelier-workspace)")
        Path workspace;

        @Override
        public Integer call() {
            RunStore store = new RunStore((workspace != null ? new Workspace(workspace)
                    : Workspace.defaultWorkspace()).runs());
            Path trashed = store.moveToTrash(store.resolve(run));
            spec.commandLine().getErr().println("moved to " + trashed);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Runs of the workspace, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--workspace", description = "workspace folder (default ~/atelier-workspace)")
        Path workspace;

        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        @Override
        public Integer call() {
            Workspace space = workspace != null ? new Workspace(workspace) : Workspace.defaultWorkspace();
            List<RunStore.Entry> entries = new RunStore(space.runs()).list();
            var out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> runs = new ArrayList<>();
                for (RunStore.Entry entry : entries) {
                    Map<String, Object> run = new LinkedHashMap<>();
                    run.put("run", entry.folder().toAbsolutePath().toString());
                    if (entry.damaged()) {
                        run.put("status", "damaged");
                        run.put("problem", entry.damage());
                    } else {
                        var r = entry.record();
                        run.put("name", r.spec().name());
                        run.put("dataset", r.spec().dataset());
                        run.put("arch", r.spec().architecture());
                        run.put("status", r.status().name().toLowerCase());
                        run.put("epochs", r.epochs().size());
                        run.put("bestEpoch", r.bestEpoch());
                        run.put("bestTestAccuracy", r.bestTestAccuracy());
                        run.put("resumable", r.resumable());
                        if (r.message() != null) {
                            run.put("message", r.message());
                        }
                    }
                    runs.add(run);
                }
                out.println(Json.write(Map.of("runs", runs)));
            } else {
                // columns as wide as their longest entry, so that a long architecture name keeps them aligned
                int archWidth = 10;
                int datasetWidth = 12;
                for (RunStore.Entry entry : entries) {
                    if (!entry.damaged()) {
                        archWidth = Math.max(archWidth, entry.record().spec().architecture().length());
                        datasetWidth = Math.max(datasetWidth, entry.record().spec().dataset().length());
                    }
                }
                String row = "%-40s %-" + archWidth + "s %-" + datasetWidth + "s %-11s best %.2f%% at epoch %d, "
                        + "%d of %d epochs trained%s%n";
                for (RunStore.Entry entry : entries) {
                    if (entry.damaged()) {
                        out.printf("%-40s damaged: %s%n", entry.folder().getFileName(), entry.damage());
                    } else {
                        var r = entry.record();
                        out.printf(row, entry.folder().getFileName(), r.spec().architecture(), r.spec().dataset(),
                                r.status().name().toLowerCase(), 100 * r.bestTestAccuracy(), r.bestEpoch(),
                                r.epochs().size(), r.spec().epochs(), r.resumable()
                                        ? " · resume: atelier train --resume " + entry.folder().getFileName() : "");
                    }
                }
            }
            return 0;
        }
    }
}
