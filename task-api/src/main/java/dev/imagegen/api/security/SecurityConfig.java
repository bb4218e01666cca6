package dev.imagegen.api.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what. HTTP Basic for programs, a session login form for the web page; every API
 * endpoint has a rule here, and a path without one is refused for everybody.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    private static final String[] ACTORS = {"ADMIN", "MANAGER", "USER"};

    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        return new BCryptPasswordEncoder(properties.bcryptStrength());
    }

    /** Requests the firewall refuses get a problem+json 400 like every other refusal, not a bare status. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return ProblemResponses.rejected();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(rules -> rules.requestMatchers(
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
                                "/img/**",
                                "/favicon.ico")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/me")
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/tasks", "/api/tasks/preview")
                        .hasAnyRole(ACTORS)
                        .requestMatchers(HttpMethod.GET, "/api/tasks", "/api/tasks/**")
                        .authenticated()
                        .requestMatchers(HttpMethod.GET, "/images/*/*")
                        .authenticated()
                        .requestMatchers(HttpMethod.PUT, "/api/tasks/*/subtasks/*/rating")
                        .hasAnyRole(ACTORS)
                        .requestMatchers(HttpMethod.POST, "/api/tasks/*/cancel", "/api/tasks/*/retry")
                        .hasAnyRole(ACTORS)
                        .requestMatchers(HttpMethod.DELETE, "/api/tasks/*")
                        .hasAnyRole(ACTORS)
                        .requestMatchers(HttpMethod.PATCH, "/api/tasks/*")
                        .hasAnyRole(ACTORS)
                        .requestMatchers(HttpMethod.GET, "/api/tags", "/api/tags/*")
                        .authenticated()
                        .requestMatchers(HttpMethod.PUT, "/api/tags/*", "/api/tags/*/header_img")
                        .hasAnyRole("ADMIN", "MANAGER")
                        .requestMatchers(HttpMethod.GET, "/api/gallery")
                        .authenticated()
                        .requestMatchers(HttpMethod.PUT, "/api/gallery/*/like")
                        .hasAnyRole(ACTORS)
                        .requestMatchers(HttpMethod.DELETE, "/api/gallery/*/like")
                        .hasAnyRole(ACTORS)
                        .requestMatchers(HttpMethod.GET, "/api/queues")
                        .authenticated()
                        .requestMatchers(HttpMethod.PATCH, "/api/queues/*")
                        .hasAnyRole("ADMIN", "MANAGER")
                        .requestMatchers("/api/users", "/api/users/**")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/system-logs")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/admin/consistency")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(ProblemResponses.unauthorized()))
                .formLogin(form -> form.permitAll())
                .logout(logout -> logout.permitAll())
                // Only a session cookie can be abused cross-site: programs that send credentials on
                // every request, and anonymous calls (answered 401), need no CSRF token.
                .csrf(csrf ->
                        csrf.ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null
                                || (request.getSession(false) == null
                                        && !request.getRequestURI().equals("/login"))))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                                ProblemResponses.unauthorized(),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                        .accessDeniedHandler(ProblemResponses.forbidden()));
        return http.build();
    }
}
