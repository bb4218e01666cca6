package dev.imagegen.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The API answers in Simplified Chinese or English, chosen by Accept-Language; English when it names neither. Any
 * Chinese (zh, zh-CN, zh-Hans…) gets the zh-CN texts: Spring's resolver matches a bare language only to a supported
 * locale without a country.
 */
@Configuration(proxyBeanMethods = false)
class ProblemLocales {

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                Locale locale = super.resolveLocale(request);
                return locale.getLanguage().equals(Locale.CHINESE.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : locale;
            }
        };
        resolver.setSupportedLocales(List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE, Locale.CHINESE));
        resolver.setDefaultLocale(Locale.ENGLISH);
        return resolver;
    }
}
