package dev.imagegen.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The problem texts in the request's language. Every text a refusal can carry has a key under {@code problem.} in
 * {@code messages.properties}, whose English pattern is exactly what the code writes; a text is matched to its key
 * (its placeholders read back from the English words), and the key's pattern of the request's locale is filled with
 * them, each placeholder translated in turn ("must be {0}" with "an integer"). English answers are left as written,
 * so the texts clients and tests know never change; a text without a key stays English.
 */
@Component
public class ProblemTexts {

    private static final String PREFIX = "problem.";
    private static final String MARK = "\u0001";

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final List<Key> keys;

    public ProblemTexts(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
        this.keys = load();
    }

    /** The locale of {@code request} as the API answers it (Accept-Language: zh-CN or English). */
    public Locale locale(HttpServletRequest request) {
        return locales.resolveLocale(request);
    }

    /** {@code english} in {@code locale}; unchanged for English or when no key matches. */
    public String translate(String english, Locale locale) {
        if (english == null || locale.getLanguage().equals(Locale.ENGLISH.getLanguage())) {
            return english;
        }
        for (Key key : keys) {
            Matcher found = key.english().matcher(english);
            if (found.matches()) {
                Object[] args = new Object[found.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = translate(found.group(i + 1), locale);
                }
                return messages.getMessage(key.code(), args, english, locale);
            }
        }
        return english;
    }

    /** The keys, most specific first (the most literal characters), so "must be {0}" is tried last. */
    private static List<Key> load() {
        Properties english;
        try {
            english = PropertiesLoaderUtils.loadProperties(new ClassPathResource("messages.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Key> keys = new ArrayList<>();
        for (String code : english.stringPropertyNames()) {
            if (code.startsWith(PREFIX)) {
                keys.add(Key.of(code, english.getProperty(code)));
            }
        }
        keys.sort(Comparator.comparingInt(Key::literalLength).reversed().thenComparing(Key::code));
        return List.copyOf(keys);
    }

    /** One key and the regular expression of its English text. */
    private record Key(String code, Pattern english, int literalLength) {

        static Key of(String code, String pattern) {
            MessageFormat format = new MessageFormat(pattern, Locale.ROOT);
            int arguments = format.getFormatsByArgumentIndex().length;
            Object[] marks = new Object[arguments];
            for (int i = 0; i < arguments; i++) {
                marks[i] = MARK + i + MARK;
            }
            String text = format.format(marks);
            StringBuilder regex = new StringBuilder();
            int literal = 0;
            Matcher mark = Pattern.compile(MARK + "(\\d+)" + MARK).matcher(text);
            int at = 0;
            while (mark.find()) {
                regex.append(Pattern.quote(text.substring(at, mark.start()))).append("(.+?)");
                literal += mark.start() - at;
                at = mark.end();
            }
            regex.append(Pattern.quote(text.substring(at)));
            literal += text.length() - at;
            return new Key(code, Pattern.compile(regex.toString(), Pattern.DOTALL), literal);
        }
    }
}
