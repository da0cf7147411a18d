package atelier.cli;

import atelier.analysis.AnalyzedRun;
import atelier.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that name a recorded run, shared by the commands that study one (a picocli mixin). */
final class RunOptions {
    @Option(names = "--run", required = true,
            description = "run folder, its folder name in the workspace, or its name (--name; the newest such run)")
    String run;

    @Option(names = "--workspace")
    Path workspace;

    /** The run with its best checkpoint and its dataset as the label journal has it now. */
    AnalyzedRun open(PrintWriter err) {
        Workspace space = workspace != null ? new Workspace(workspace) : Workspace.defaultWorkspace();
        AnalyzedRun analyzed = AnalyzedRun.open(space, run, new StderrProgress(err));
        int excluded = analyzed.view().journal().excluded(atelier.data.Split.TRAIN).size();
        if (excluded > 0) {
            err.printf("%,d training images are excluded by the label journal and take no part%n", excluded);
        }
        return analyzed;
    }
}
