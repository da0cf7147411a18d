/**
 * Study reports: the same document as HTML and as PDF, made without a screen, with numbered tables, numbered
 * figures with labelled axes, legends and captions, the list of figures that are missing and why, every run's
 * spec and the environment.
 *
 * <h2>Figures are plug-ins</h2>
 * A study names the figures it wants as {@link atelier.report.FigureSlot}s (a provider name, the study steps whose
 * runs it shows, an option, and the sentence to print when this build has no such provider). At report time
 * {@link atelier.report.Figures} looks each name up: built in are {@code learning-curves} (option {@code train} or
 * {@code test}), {@code curves-side-by-side} and {@code confusion} (reads the study's
 * {@code analysis/<step>.json}); {@code atelier.study.StudyFigures} adds {@code augmentation-transforms},
 * {@code tsne-fc1}, {@code activation-maximization} and {@code accuracy-vs-quality}. To add one:
 * <ol>
 *   <li>implement {@link atelier.report.StudyFigure}: {@code name()} returns the slot name (sheet 2 also names
 *       {@code architecture-search}, which has no provider yet); {@code draw(request)} writes a PNG to {@code request.image()} from
 *       {@code request.runs()} (each with its run folder and best.zip) and returns the caption;</li>
 *   <li>list the class in {@code src/main/resources/META-INF/services/atelier.report.StudyFigure}, or call
 *       {@code Figures.register} where the report is made.</li>
 * </ol>
 * A provider that throws gives a missing figure whose reason is its message; the rest of the report is unaffected.
 *
 * <h2>Why these libraries</h2>
 * JFreeChart draws charts into PNG files with Java2D only, so it works headless on JDK 17 and needs no JavaFX
 * toolkit (the CLI makes the same report as the app). openhtmltopdf lays the report's XHTML out as PDF on Apache
 * PDFBox 3, so the PDF is the HTML page, not a second layout written by hand; PDFBox also reads the PDF back in the
 * tests. Both are pure Java and on Maven Central.
 */
package atelier.report;
