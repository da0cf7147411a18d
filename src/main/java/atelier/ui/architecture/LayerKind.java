package atelier.ui.architecture;

import atelier.model.LayerSpec;
import atelier.model.Nonlinearity;

/** The kinds of layer the custom editor offers, with the activation a new layer of that kind starts with. */
public enum LayerKind {
    CONV("conv", "Convolution", Nonlinearity.RELU),
    POOL("pool", "Max pooling", Nonlinearity.NONE),
    BATCHNORM("batchnorm", "Batch norm", Nonlinearity.NONE),
    DROPOUT("dropout", "Dropout", Nonlinearity.NONE),
    DENSE("dense", "Dense", Nonlinearity.RELU),
    RESIDUAL("residual", "Residual block", Nonlinearity.NONE);

    private final String key;
    private final String label;
    private final Nonlinearity defaultActivation;

    LayerKind(String key, String label, Nonlinearity defaultActivation) {
        this.key = key;
        this.label = label;
        this.defaultActivation = defaultActivation;
    }

    /** The word the text form starts with, as {@link LayerSpec#kind()} gives it. */
    public String key() {
        return key;
    }

    /**
     * Batch norm and residual blocks usually come without an activation of their own (the ReLU follows in the next
     * layer or inside the block), convolutions and dense layers with ReLU, as in the catalogue's networks.
     */
    public Nonlinearity defaultActivation() {
        return defaultActivation;
    }

    public boolean hasActivation() {
        return this == CONV || this == BATCHNORM || this == DENSE || this == RESIDUAL;
    }

    public static LayerKind of(LayerSpec layer) {
        for (LayerKind kind : values()) {
            if (kind.key.equals(layer.kind())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no editor for layer kind " + layer.kind());
    }

    @Override
    public String toString() {
        return label;
    }
}
