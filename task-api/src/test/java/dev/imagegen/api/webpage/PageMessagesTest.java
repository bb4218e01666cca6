package dev.imagegen.api.webpage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web page's two dictionaries (js/i18n/en.js and zh-CN.js) hold the same keys, and every key the page asks for
 * is in them: {@code t('key')} in any module and {@code data-i18n} in index.html.
 */
class PageMessagesTest {

    private static final Path STATIC = Path.of("src", "main", "resources", "static");
    private static final Pattern ENTRY = Pattern.compile("^\\s*'([^']+)':\\s*'((?:[^'\\\\]|\\\\.)*)',\\s*$");
    private static final Pattern T_CALL = Pattern.compile("\\bt\\(\\s*['`]([^'`$]+)['`]");
    private static final Pattern DATA_I18N = Pattern.compile("data-i18n(?:-label)?=\"([^\"]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @Test
    void bothLanguagesHaveTheSameKeysAndTheSamePlaceholders() throws IOException {
        Map<String, String> en = dictionary("en.js");
        Map<String, String> zh = dictionary("zh-CN.js");

        assertThat(en).as("keys of en.js").isNotEmpty();
        assertThat(zh.keySet())
                .as("keys in en.js but not in zh-CN.js, or the other way")
                .isEqualTo(en.keySet());
        for (String key : en.keySet()) {
            assertThat(placeholders(zh.get(key))).as("placeholders of " + key).isEqualTo(placeholders(en.get(key)));
            assertThat(zh.get(key)).as("zh-CN text of " + key).isNotBlank();
        }
    }

    @Test
    void everyKeyThePageAsksForIsInTheDictionaries() throws IOException {
        Set<String> known = dictionary("en.js").keySet();
        Set<String> asked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(STATIC.resolve("js"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")
                            && !f.startsWith(STATIC.resolve("js").resolve("i18n")))
                    .toList()) {
                asked.addAll(matches(T_CALL, Files.readString(file)));
            }
        }
        asked.addAll(matches(DATA_I18N, Files.readString(STATIC.resolve("index.html"))));

        assertThat(asked).as("keys the page asks for").hasSizeGreaterThan(100);
        Set<String> missing = new TreeSet<>(asked);
        missing.removeAll(known);
        assertThat(missing).as("keys the page asks for that no dictionary has").isEmpty();
    }

    private static Map<String, String> dictionary(String file) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line :
                Files.readAllLines(STATIC.resolve("js").resolve("i18n").resolve(file))) {
            Matcher entry = ENTRY.matcher(line);
            if (entry.matches()) {
                assertThat(entries.put(entry.group(1), entry.group(2)))
                        .as("%s holds %s once", file, entry.group(1))
                        .isNull();
            }
        }
        return entries;
    }

    private static Set<String> placeholders(String text) {
        return new TreeSet<>(matches(PLACEHOLDER, text));
    }

    private static List<String> matches(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(m -> m.group(1)).toList();
    }
}
