package dev.imagegen.api.problem;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** The API answers in Simplified Chinese or English, chosen by Accept-Language; English when it names neither. */
@Configuration(proxyBeanMethods = false)
class ProblemLocales {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(Locale.ENGLISH, CHINESE));
        resolver.setDefaultLocale(Locale.ENGLISH);
        return resolver;
    }
}
