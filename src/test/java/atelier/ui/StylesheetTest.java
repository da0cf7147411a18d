package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/** JavaFX only logs a broken stylesheet and drops the rules after the error: parse it here and fail instead. */
class StylesheetTest {
    @Test
    void atelierCssParsesWithoutErrors() throws Exception {
        CssParser.errorsProperty().clear();

        Stylesheet sheet = new CssParser().parse(AtelierApp.class.getResource("atelier.css"));

        assertThat(CssParser.errorsProperty()).as("CSS parse errors").isEmpty();
        assertThat(sheet.getRules()).extracting(rule -> rule.getSelectors().toString())
                .anyMatch(selectors -> selectors.contains("heatmap-cell"))
                .anyMatch(selectors -> selectors.contains("architecture-name"));
    }
}
