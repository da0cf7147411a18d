/**
 * Studies: an exercise sheet (or a comparison of one's own) as one experiment that runs unattended.
 *
 * <p>A {@link atelier.study.StudyPlan} is a named list of {@link atelier.study.StudyStep}s sharing a recipe
 * (epochs, training subset) plus the figures its report compares; {@link atelier.study.Sheets} builds the two
 * sheets and studies of existing runs. {@link atelier.study.StudyStore} keeps each study in
 * {@code <workspace>/studies/<name>/} (plan, state, analyses, its own label journals, report), written atomically.
 * {@link atelier.study.StudyRunner} runs the steps in order; training steps are ordinary workspace runs queued on
 * the one {@link atelier.train.TrainingService}, so they appear among the runs like any other. The state is saved
 * after every change: a study that was stopped, quit or killed goes on from its first unfinished step; an
 * interrupted run is trained again (see StudyRunner for why, and what will change when runs can be resumed).
 * {@link atelier.study.StudyReports} makes the report through {@link atelier.report}.
 *
 * <p>Steps that need something this build lacks (augmentation, issue 11) are skipped with the reason rather than
 * run as something else; see {@link atelier.study.Capabilities}.
 */
package atelier.study;
