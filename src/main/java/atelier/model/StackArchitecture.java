package atelier.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;

/** An architecture given as a layer list and built by {@link StackNetworkBuilder}: all but VGG16. */
public final class StackArchitecture implements Architecture {
    private final String name;
    private final String title;
    private final List<LayerSpec> layers;
    private final List<String> remarks;

    /** {@code remarks}: what the shapes alone do not say, such as where a design comes from. */
    public StackArchitecture(String name, String title, List<LayerSpec> layers, List<String> remarks) {
        this.name = name;
        this.title = title;
        this.layers = List.copyOf(layers);
        this.remarks = List.copyOf(remarks);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public List<LayerSpec> layers() {
        return layers;
    }

    @Override
    public List<String> notes(InputShape input, int classes, ModelOptions options) {
        StackCheck check = check(input, classes, options);
        List<String> notes = new ArrayList<>(remarks);
        notes.add(ShapeNotes.flow(check));
        ShapeNotes.padding(layers, check, classes).ifPresent(notes::add);
        ShapeNotes.flooredPooling(layers, check).ifPresent(notes::add);
        ShapeNotes.residual(layers).ifPresent(notes::add);
        ShapeNotes.batchNorm(layers).ifPresent(notes::add);
        ShapeNotes.dropout(layers).ifPresent(notes::add);
        return notes;
    }

    @Override
    public BuiltModel build(InputShape input, int classes, ModelOptions options) {
        InputAdapter adapter = adapter(input, options);
        StackCheck check = StackChecker.check(layers, adapter.output(), classes);
        if (!check.ok()) {
            throw new ModelException(refusal(input, classes, options).orElseThrow());
        }
        Model network = StackNetworkBuilder.build(layers, check, classes, options);
        return new BuiltModel(name, adapter, classes, network);
    }

    @Override
    public String toString() {
        return name;
    }
}
