package dev.imagegen.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Both languages of the problem texts name the same keys, and each key takes the same placeholders in both. */
class MessagesHaveTheSameKeysTest {

    static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(
                MessagesHaveTheSameKeysTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        Properties english = load("messages.properties");
        Properties chinese = load("messages_zh_CN.properties");

        assertThat(english.stringPropertyNames()).isNotEmpty();
        assertThat(chinese.stringPropertyNames())
                .as("keys missing in messages_zh_CN.properties, or only there")
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    }

    @Test
    void eachKeyTakesTheSamePlaceholdersInBothLanguages() throws IOException {
        Properties english = load("messages.properties");
        Properties chinese = load("messages_zh_CN.properties");

        for (String key : english.stringPropertyNames()) {
            int inEnglish = new MessageFormat(english.getProperty(key), Locale.ROOT).getFormatsByArgumentIndex().length;
            int inChinese = new MessageFormat(chinese.getProperty(key), Locale.ROOT).getFormatsByArgumentIndex().length;
            assertThat(inChinese).as(key).isEqualTo(inEnglish);
            assertThat(chinese.getProperty(key)).as(key).isNotBlank();
        }
    }
}
