package dev.imagegen.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The generator worker: claims dispatched subtasks under per-queue limits and writes their results back. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GeneratorWorkerApplication {

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        SpringApplication.run(GeneratorWorkerApplication.class, args);
    }
}
