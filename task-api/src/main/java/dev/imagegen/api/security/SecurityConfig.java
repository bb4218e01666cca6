package dev.imagegen.api.security;

import dev.imagegen.api.problem.ProblemTexts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what. HTTP Basic for programs, a session login form for the web page; every API
 * endpoint has a rule in {@link AccessRules}, and a path without one is refused for everybody.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        return new BCryptPasswordEncoder(properties.bcryptStrength());
    }

    /** Requests the firewall refuses get a problem+json 400 like every other refusal, not a bare status. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemTexts texts) {
        return ProblemResponses.rejected(texts);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemTexts texts) throws Exception {
        http.authorizeHttpRequests(rules -> {
                    rules.requestMatchers(
                                    "/actuator/health",
                                    "/actuator/health/**",
                                    "/actuator/info",
                                    "/actuator/prometheus",
                                    "/v3/api-docs",
                                    "/v3/api-docs/**",
                                    "/swagger-ui.html",
                                    "/swagger-ui/**",
                                    "/login",
                                    "/error",
                                    "/",
                                    "/index.html",
                                    "/css/**",
                                    "/js/**",
                                    "/assets/**",
                                    "/img/**",
                                    "/favicon.ico")
                            .permitAll();
                    for (AccessRules.Rule rule : AccessRules.API) {
                        String[] patterns = rule.patterns().toArray(String[]::new);
                        var matched = rule.method() == null
                                ? rules.requestMatchers(patterns)
                                : rules.requestMatchers(rule.method(), patterns);
                        switch (rule.access()) {
                            case PUBLIC -> matched.permitAll();
                            case SIGNED_IN -> matched.authenticated();
                            default -> matched.hasAnyRole(rule.access().roles());
                        }
                    }
                    rules.anyRequest().denyAll();
                })
                .httpBasic(basic -> basic.authenticationEntryPoint(ProblemResponses.unauthorized(texts)))
                .formLogin(form -> form.permitAll())
                .logout(logout -> logout.permitAll())
                // Only a session cookie can be abused cross-site: programs that send credentials on
                // every request, and anonymous calls (answered 401), need no CSRF token.
                .csrf(csrf ->
                        csrf.ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null
                                || (request.getSession(false) == null
                                        && !request.getRequestURI().equals("/login"))))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                                ProblemResponses.unauthorized(texts),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                        .accessDeniedHandler(ProblemResponses.forbidden(texts)));
        return http.build();
    }
}
