package atelier.model;

import java.util.Locale;

/**
 * One entry of a layer list, the form in which the catalogue's own networks are written and the custom architecture
 * is edited. Values are not checked here: a list being edited may hold any numbers, and {@link StackChecker} says
 * per layer what is wrong with them. The output layer is not part of the list; every network gets one.
 */
public sealed interface LayerSpec {

    /** The short name of the layer kind, as the text form starts ("conv", "pool", ...). */
    String kind();

    /** The text form that {@link LayerSpecText#parse} reads back. */
    String text();

    enum Padding {
        /** Zero padding that keeps the size at stride 1 (out = ceil(in / stride)). */
        SAME,
        /** No padding (out = floor((in - kernel) / stride) + 1), PyTorch's default. */
        VALID;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A square 2-D convolution with bias. */
    record Conv(int filters, int kernel, int stride, Padding padding, Nonlinearity activation) implements LayerSpec {
        public Conv(int filters, int kernel, Padding padding, Nonlinearity activation) {
            this(filters, kernel, 1, padding, activation);
        }

        @Override
        public String kind() {
            return "conv";
        }

        @Override
        public String text() {
            return "conv " + filters + " " + kernel + "x" + kernel + (stride == 1 ? "" : " stride " + stride)
                    + " " + padding.key() + " " + activation.key();
        }
    }

    /** Square max pooling; partial windows at the border are dropped (floor), as PyTorch's MaxPool2d does. */
    record Pool(int size, int stride) implements LayerSpec {
        public Pool(int size) {
            this(size, size);
        }

        @Override
        public String kind() {
            return "pool";
        }

        @Override
        public String text() {
            return "pool " + size + "x" + size + (stride == size ? "" : " stride " + stride);
        }
    }

    /** Batch normalization over channels (images) or features (vectors), then the activation if there is one. */
    record BatchNorm(Nonlinearity activation) implements LayerSpec {
        @Override
        public String kind() {
            return "batchnorm";
        }

        @Override
        public String text() {
            return activation == Nonlinearity.NONE ? "batchnorm" : "batchnorm " + activation.key();
        }
    }

    /** Dropout with PyTorch's meaning of the number: the probability of dropping a value. */
    record Dropout(double rate) implements LayerSpec {
        @Override
        public String kind() {
            return "dropout";
        }

        @Override
        public String text() {
            return "dropout " + LayerSpecText.number(rate);
        }
    }

    /** A fully connected layer; an image input is flattened (channels, rows, columns) first. */
    record Dense(int units, Nonlinearity activation) implements LayerSpec {
        @Override
        public String kind() {
            return "dense";
        }

        @Override
        public String text() {
            return "dense " + units + " " + activation.key();
        }
    }

    /**
     * conv, ReLU, conv with SAME padding and as many filters as the input has channels, the block's input added to
     * the result (identity bypass), then the activation if there is one. Keeping channels and size is what lets the
     * input be added without a projection, so the bypass costs no parameters.
     */
    record Residual(int kernel, Nonlinearity activation) implements LayerSpec {
        @Override
        public String kind() {
            return "residual";
        }

        @Override
        public String text() {
            return "residual " + kernel + "x" + kernel
                    + (activation == Nonlinearity.NONE ? "" : " " + activation.key());
        }
    }
}
