package atelier.ui.architecture;

import atelier.model.Architecture;
import atelier.model.ArchitectureDescription;
import atelier.model.BuiltModel;
import atelier.model.Checkpoints;
import atelier.model.Freezing;
import atelier.model.InputShape;
import atelier.model.ModelException;
import atelier.model.ModelOptions;
import atelier.model.ParameterTable;
import atelier.model.StackCheck;
import atelier.model.TransferReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The slow part of showing an architecture, for a background thread: builds the network once (VGG16 at 224x224 is
 * half a gigabyte), copies a checkpoint into it and freezes it as chosen, and reads the table from the result, so
 * that the frozen column and the transfer report are the ones training will see.
 */
final class ArchitectureDescriber {
    private ArchitectureDescriber() {
    }

    /** Everything one description depends on, taken on the FX thread so the background reads no live state. */
    record Request(Architecture architecture, InputShape input, int classes, ModelOptions options, Path checkpoint,
                   boolean freeze) {
    }

    /**
     * @param description   with a table unless the input does not fit or building failed
     * @param transfer      what the checkpoint gave, or null when none was asked for or it could not be read
     * @param transferError why the checkpoint could not be used, or null
     * @param buildError    why the network could not be built although the arithmetic allows it, or null
     */
    record Result(Request request, ArchitectureDescription description, TransferReport transfer,
                  String transferError, String buildError) {
    }

    static Result describe(Request request) {
        Architecture architecture = request.architecture();
        InputShape input = request.input();
        int classes = request.classes();
        ModelOptions options = request.options();
        StackCheck check = architecture.check(input, classes, options);
        Optional<String> refusal = architecture.refusal(input, classes, options);
        List<String> notes = architecture.notes(input, classes, options);
        InputShape seen = architecture.adapter(input, options).output();
        if (refusal.isPresent()) {
            return new Result(request, description(request, seen, null, check, notes, refusal.get()), null, null,
                    null);
        }
        TransferReport transfer = null;
        String transferError = null;
        ParameterTable table;
        try {
            BuiltModel model = architecture.build(input, classes, options);
            if (request.checkpoint() != null) {
                try {
                    transfer = Checkpoints.initialiseFrom(model, request.checkpoint());
                } catch (ModelException e) {
                    transferError = e.getMessage();
                }
            }
            if (request.freeze()) {
                model = Freezing.allButLastDense(model);
            }
            table = ParameterTable.of(model);
        } catch (RuntimeException | OutOfMemoryError e) {
            // DL4J's own configuration checks or an allocation too large for this machine: the arithmetic still
            // stands, so the tab keeps showing it with this message.
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Result(request, description(request, seen, null, check, notes, null), null, transferError,
                    architecture.name() + " could not be built: " + message);
        }
        return new Result(request, description(request, seen, table, check, notes, null), transfer, transferError,
                null);
    }

    private static ArchitectureDescription description(Request request, InputShape seen, ParameterTable table,
                                                       StackCheck check, List<String> notes, String refusal) {
        Architecture architecture = request.architecture();
        return new ArchitectureDescription(architecture.name(), architecture.title(), request.input(), seen,
                request.classes(), table, check, notes, refusal);
    }
}
