package atelier.train;

/** Builds the network a run trains, from the run's spec and the data's shape. */
@FunctionalInterface
public interface ModelFactory {
    TrainableModel create(RunSpec spec, int channels, int height, int width, int classes);
}
