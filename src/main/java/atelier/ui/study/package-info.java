/**
 * The Studies tab: {@link atelier.ui.study.StudyView} (layout) and {@link atelier.ui.study.StudyViewModel} (state
 * and actions, headless-testable with injected executors). Studies train on the app's one training service on a
 * thread of their own; the figures shown are those of the study's last report, made again after every step.
 */
package atelier.ui.study;
