package dev.imagegen.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The generator worker: claims dispatched subtasks under per-queue limits and writes their results back. */
@SpringBootApplication
public class GeneratorWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(GeneratorWorkerApplication.class, args);
    }
}
