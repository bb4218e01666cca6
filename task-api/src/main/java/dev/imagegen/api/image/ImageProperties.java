package dev.imagegen.api.image;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where generated images are read from ({@code imagegen.api.images.*}).
 *
 * @param directory the directory the workers store images in, one folder per task (default
 *     {@code data/images}; the same volume as the workers' {@code imagegen.worker.storage.directory})
 */
@ConfigurationProperties("imagegen.api.images")
record ImageProperties(@DefaultValue("data/images") Path directory) {}
