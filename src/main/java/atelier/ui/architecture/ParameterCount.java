package atelier.ui.architecture;

import java.util.Locale;

/** Parameter counts as the tab writes them: "1,199,882" whatever the machine's locale, as the CLI and sheets do. */
final class ParameterCount {
    private ParameterCount() {
    }

    static String format(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
