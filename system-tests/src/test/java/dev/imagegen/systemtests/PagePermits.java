package dev.imagegen.systemtests;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Lets anybody load the page's static files (the page itself asks for sign-in). Added to task-api's
 * context here until task-api's own security rules permit them.
 */
@Configuration(proxyBeanMethods = false)
class PagePermits {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain staticPage(HttpSecurity http) throws Exception {
        return http.securityMatcher("/", "/index.html", "/css/**", "/js/**", "/favicon.ico")
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .build();
    }
}
