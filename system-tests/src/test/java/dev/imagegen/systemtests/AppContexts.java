package dev.imagegen.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;

/**
 * Starts one of the apps in this JVM with its own application.yml. All apps share one classpath,
 * where {@code classpath:application.yml} would be whichever jar comes first, so each context reads
 * the file from its own jar and nothing from the classpath root.
 */
final class AppContexts {

    private AppContexts() {}

    static ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... sources) {
        Class<?> main = sources[0];
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> all = new java.util.HashMap<>(properties);
        all.put("spring.config.name", "no-shared-application-config");
        environment.getPropertySources().addFirst(new MapPropertySource("system-test", all));
        for (PropertySource<?> source : ownApplicationYaml(main)) {
            environment.getPropertySources().addLast(source);
        }
        return new SpringApplicationBuilder(sources)
                .environment(environment)
                .registerShutdownHook(false)
                .run();
    }

    static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static List<PropertySource<?>> ownApplicationYaml(Class<?> main) {
        String home = main.getProtectionDomain().getCodeSource().getLocation().getPath();
        List<PropertySource<?>> sources = new ArrayList<>();
        try {
            for (URL url : Collections.list(main.getClassLoader().getResources("application.yml"))) {
                if (url.getPath().contains(home)) {
                    sources.addAll(new YamlPropertySourceLoader()
                            .load(main.getSimpleName() + " application.yml", new UrlResource(url)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("No application.yml beside " + main.getName() + " in " + home);
        }
        return sources;
    }
}
