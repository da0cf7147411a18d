package atelier.model;

import java.util.List;
import java.util.Optional;

/**
 * A network design that can be built for any input size and class count that fit it. Every architecture can be
 * written as a layer list; that list drives the shape arithmetic, so that an input that does not fit is refused
 * with a reason before any network is allocated.
 */
public interface Architecture {

    /** The key used on the command line and in saved runs ("mnist-net", "vgg16", ...). */
    String name();

    /** One line saying what it is and where it comes from. */
    String title();

    /** The layers in list form, without the output layer, which every architecture ends with. */
    List<LayerSpec> layers();

    /**
     * The name of each entry of {@link #layers()} in the built network, then the output layer's name: what a
     * checkpoint's layers are called, and what the training engine matches them by.
     */
    default List<String> layerNames() {
        List<String> names = new java.util.ArrayList<>(LayerNaming.names(layers()));
        names.add(LayerNaming.OUTPUT);
        return List.copyOf(names);
    }

    /**
     * The dropout rate the built network applies to the input of each dense layer of {@link #layers()} (DL4J's
     * per-layer dropout, as the zoo's VGG16 has on fc1 and fc2); 0 for none.
     */
    default double denseInputDropout() {
        return 0;
    }

    /** The square side data of this size is resized to under {@link Resize#AUTO}, or 0 for none. */
    default int preferredSide(InputShape input) {
        return 0;
    }

    default InputAdapter adapter(InputShape input, ModelOptions options) {
        int side = options.resize() == Resize.AUTO ? preferredSide(input) : options.resize().side();
        return side == 0 ? InputAdapter.none(input) : InputAdapter.resize(input, side);
    }

    /** Shape and parameter arithmetic per layer for the size the network will see. */
    default StackCheck check(InputShape input, int classes, ModelOptions options) {
        return StackChecker.check(layers(), adapter(input, options).output(), classes);
    }

    /** Why this input cannot be used, as one sentence for the user; empty when it can. */
    default Optional<String> refusal(InputShape input, int classes, ModelOptions options) {
        InputShape seen = adapter(input, options).output();
        return check(input, classes, options).firstProblem()
                .map(problem -> name() + " cannot take " + seen.text() + " input: " + problem);
    }

    /** How the shapes come about for this input, and the choices behind them, for the Architecture tab. */
    List<String> notes(InputShape input, int classes, ModelOptions options);

    /** An initialised network; throws {@link ModelException} with {@link #refusal}'s reason if the input does not fit. */
    BuiltModel build(InputShape input, int classes, ModelOptions options);
}
