/**
 * Studies: an exercise sheet (or a comparison of one's own) as one experiment that runs unattended.
 *
 * <p>A {@link atelier.study.StudyPlan} is a named list of {@link atelier.study.StudyStep}s sharing a recipe
 * (epochs, training subset) plus the figures its report compares; {@link atelier.study.Sheets} builds the two
 * sheets and studies of existing runs. {@link atelier.study.StudyStore} keeps each study in
 * {@code <workspace>/studies/<name>/} (plan, state, analyses, its own label journals, report), written atomically.
 * {@link atelier.study.StudyRunner} runs the steps in order; training steps are ordinary workspace runs queued on
 * the one {@link atelier.train.TrainingService}, so they appear among the runs like any other. The state is saved
 * after every change: a study that was stopped, quit or killed goes on from its first unfinished step, and an
 * interrupted run is continued from its last checkpoint in its own folder, so a kill loses at most one epoch.
 * {@link atelier.study.StudyReports} makes the report through {@link atelier.report}.
 */
package atelier.study;
