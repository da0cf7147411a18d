/**
 * Architecture search under a wall-clock budget (exercise sheet 2 §1.3): a {@link atelier.search.SearchSpace} of
 * encoder designs sampled quasi-randomly ({@link atelier.search.QuasiRandomSampler}), impossible designs skipped
 * by shape arithmetic ({@link atelier.search.DesignCheck}), asynchronous successive halving
 * ({@link atelier.search.SuccessiveHalving}) deciding which trial trains further, trials scored on a seeded
 * validation split of the training set ({@link atelier.search.ValidationSplit}), and the Pareto set of parameters
 * against validation accuracy ({@link atelier.search.ParetoFront}) retrained on the whole training set and tested
 * once at the end. {@link atelier.search.SearchRunner} runs it all on the training service, every segment of a
 * trial an ordinary run in the workspace; {@link atelier.search.SearchStore} keeps the state in
 * {@code searches/<name>/} so that a search resumes after quitting or a crash. No JavaFX here.
 */
package atelier.search;
