package dev.imagegen.worker.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * File-system image storage ({@code imagegen.worker.storage.*}).
 *
 * @param directory where images are written, {@code <task id>/<subtask id>-<n>.png} (default {@code data/images})
 * @param urlPrefix prefix of the URLs recorded in results (default {@code /images})
 */
@ConfigurationProperties("imagegen.worker.storage")
public record StorageProperties(
        @DefaultValue("data/images") Path directory,
        @DefaultValue("/images") String urlPrefix) {}
