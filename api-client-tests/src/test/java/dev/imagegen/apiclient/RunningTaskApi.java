package dev.imagegen.apiclient;

import dev.imagegen.api.TaskApiApplication;
import dev.imagegen.testservers.UsesRealServers;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * task-api listening on a random port, on a migrated database of its own, with the demo accounts
 * (admin, manager, user1, user2, guest; password = name): what another team's program calls.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(
        classes = TaskApiApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "imagegen.api.security.demo-users=true",
            "imagegen.api.security.bcrypt-strength=4",
            "imagegen.maintenance.enabled=false",
            // At JVM exit the shared server may stop before the context closes: fail fast, not in 30 s.
            "spring.datasource.hikari.connection-timeout=1000"
        })
@UsesRealServers(kafka = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@interface RunningTaskApi {}
