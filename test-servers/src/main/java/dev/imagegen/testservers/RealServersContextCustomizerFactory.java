package dev.imagegen.testservers;

import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Gives each test class annotated {@link UsesRealServers} its own database on the shared servers. */
public final class RealServersContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        UsesRealServers servers = AnnotatedElementUtils.findMergedAnnotation(testClass, UsesRealServers.class);
        return servers == null ? null : new Customizer(testClass, servers.kafka());
    }

    /** Equal per test class, so that each class gets its own database and context. */
    private record Customizer(Class<?> testClass, boolean kafka) implements ContextCustomizer {

        @Override
        public void customizeContext(
                org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            TestDatabase database = TestServers.postgres().migratedDatabase(testClass.getSimpleName());
            Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                    "spring.datasource.url", database.jdbcUrl(),
                    "spring.datasource.username", database.username(),
                    "spring.datasource.password", database.password(),
                    "imagegen.test.database", database.name()));
            if (kafka) {
                properties.put(
                        "spring.kafka.bootstrap-servers", TestServers.kafka().bootstrapServers());
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realServers", properties));
        }
    }
}
