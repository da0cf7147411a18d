package atelier.engine;

/** How a layer runs: training (batch statistics, dropout) or inference (running statistics, no dropout). */
enum Mode {
    TRAIN,
    INFER
}
