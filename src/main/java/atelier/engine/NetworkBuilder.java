package atelier.engine;

import atelier.model.Architecture;
import atelier.model.InputShape;
import atelier.model.LayerSpec;
import atelier.model.Nonlinearity;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds an {@link EngineNetwork} from an architecture's layer list, with the names the DL4J network built from the
 * same list gives its layers, so that weights go across by name ({@link Dl4jWeights}). The list is expected to have
 * passed the architecture's shape check (building the DL4J network does that). Parameters start at zero: they are
 * meant to be copied in from the DL4J network, which owns initialisation (Xavier, He, a checkpoint).
 */
public final class NetworkBuilder {
    private NetworkBuilder() {
    }

    /**
     * @param input the image size the network takes (after any resize), channels first
     * @param seed  seed of the dropout masks
     */
    public static EngineNetwork build(Architecture architecture, InputShape input, int classes, long seed) {
        return build(architecture, input, classes, seed, 1);
    }

    /**
     * The same network split into {@code shards} slices of each batch, trained at once on as many threads (see
     * {@link EngineNetwork}); 1 for a network on one thread.
     */
    public static EngineNetwork build(Architecture architecture, InputShape input, int classes, long seed,
                                      int shards) {
        return build(architecture.layers(), architecture.layerNames(), architecture.denseInputDropout(), input,
                classes, seed, shards);
    }

    static EngineNetwork build(List<LayerSpec> specs, List<String> names, double denseInputDropout, InputShape input,
                               int classes, long seed) {
        return build(specs, names, denseInputDropout, input, classes, seed, 1);
    }

    static EngineNetwork build(List<LayerSpec> specs, List<String> names, double denseInputDropout, InputShape input,
                               int classes, long seed, int shards) {
        if (names.size() != specs.size() + 1) {
            throw new IllegalArgumentException(specs.size() + " layers but " + names.size() + " names");
        }
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        ShardExchange exchange = new ShardExchange(shards);
        List<List<EngineLayer>> replicas = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            // replica 0 draws the masks an unsplit network draws; the others streams of their own
            long shardSeed = seed + shard * 0x9E3779B97F4A7C15L;
            List<EngineLayer> layers = layers(specs, names, denseInputDropout, input, classes,
                    Nd4j.getRandomFactory().getNewRandomInstance(shardSeed));
            for (EngineLayer layer : layers) {
                for (EngineLayer part : layer.parts()) {
                    if (part instanceof BatchNormLayer norm) {
                        norm.joinShards(exchange, shard);
                    }
                }
            }
            replicas.add(layers);
        }
        return new EngineNetwork(new Dims(input.height(), input.width(), input.channels()), replicas, exchange);
    }

    private static List<EngineLayer> layers(List<LayerSpec> specs, List<String> names, double denseInputDropout,
                                            InputShape input, int classes, Random random) {
        Dims dims = new Dims(input.height(), input.width(), input.channels());
        List<EngineLayer> layers = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            String name = names.get(i);
            EngineLayer layer;
            if (spec instanceof LayerSpec.Conv conv) {
                layer = new ConvLayer(name, dims, conv.filters(), conv.kernel(), conv.stride(), conv.padding(),
                        conv.activation());
            } else if (spec instanceof LayerSpec.Pool pool) {
                layer = new PoolLayer(name, dims, pool.size(), pool.stride());
            } else if (spec instanceof LayerSpec.BatchNorm norm) {
                layer = new BatchNormLayer(name, dims, norm.activation());
            } else if (spec instanceof LayerSpec.Dropout dropout) {
                layer = new DropoutLayer(name, dims, dropout.rate(), random);
            } else if (spec instanceof LayerSpec.Dense dense) {
                if (denseInputDropout > 0) {
                    layers.add(new DropoutLayer(name + "_dropout", dims, denseInputDropout, random));
                }
                layer = new DenseLayer(name, dims, dense.units(), dense.activation());
            } else if (spec instanceof LayerSpec.Residual residual) {
                layer = new ResidualBlock(name, dims, residual.kernel(), residual.activation());
            } else {
                throw new IllegalArgumentException("the engine has no " + spec.kind() + " layer");
            }
            layers.add(layer);
            dims = layer.out;
        }
        layers.add(new DenseLayer(names.get(specs.size()), dims, classes, Nonlinearity.NONE));
        leaveReluGatesToPools(layers);
        return layers;
    }

    /** Where a ReLU layer feeds a max-pool directly, the pool applies the ReLU's gate (see PoolLayer). */
    private static void leaveReluGatesToPools(List<EngineLayer> layers) {
        for (int i = 1; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof PoolLayer pool)) {
                continue;
            }
            EngineLayer below = layers.get(i - 1);
            if (below instanceof ConvLayer conv && conv.activation == Nonlinearity.RELU) {
                conv.activationLeftToPool = true;
                pool.gatesReluBelow = true;
            } else if (below instanceof BatchNormLayer norm && norm.activation == Nonlinearity.RELU) {
                norm.activationLeftToPool = true;
                pool.gatesReluBelow = true;
            }
        }
    }
}
