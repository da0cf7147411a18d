/**
 * The Search tab: {@link atelier.ui.search.SearchView} (layout: the space editor, settings, the budget bar, the
 * plots, the trials table and a trial's curves) and {@link atelier.ui.search.SearchViewModel} (state and actions,
 * testable without a screen with injected executors). The search itself is {@link atelier.search}; the tab runs it
 * on a thread of its own, shows its saved state, and hands a trial to the Architecture tab
 * ({@link atelier.ui.AppEvents.CustomLayersRequested}) or the Training tab
 * ({@link atelier.ui.AppEvents.TrainingRequested}).
 */
package atelier.ui.search;
