package dev.imagegen.testservers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's context at the shared test servers: a fresh, migrated database of its
 * own ({@code spring.datasource.*}) and the Kafka broker ({@code spring.kafka.bootstrap-servers}).
 * The database's name is also published as {@code imagegen.test.database}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UsesRealServers {

    /** Whether the context also gets the Kafka broker (started on first use). */
    boolean kafka() default true;
}
