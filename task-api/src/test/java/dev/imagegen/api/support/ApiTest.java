package dev.imagegen.api.support;

import dev.imagegen.testservers.UsesRealServers;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/** A test of the whole API through MockMvc and the real security filters, on its own migrated database. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(
        properties = {
            "imagegen.api.security.bcrypt-strength=4",
            // At JVM exit the shared server may stop before the context closes: fail fast, not in 30 s.
            "spring.datasource.hikari.connection-timeout=1000",
            "imagegen.maintenance.enabled=false"
        })
@AutoConfigureMockMvc
@UsesRealServers(kafka = false)
// Each class has its own database, so its context is never reused: close it while the server runs.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(Accounts.class)
public @interface ApiTest {}
