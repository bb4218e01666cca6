package dev.imagegen.api.image;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where images are read from and uploads stored ({@code imagegen.api.images.*}).
 *
 * @param directory the directory the workers store images in, one folder per task (default
 *     {@code data/images}; the same volume as the workers' {@code imagegen.worker.storage.directory});
 *     uploaded tag header images go to its {@code tags} folder
 * @param tagImageMaxSize the largest tag header image accepted for upload (default 2MB)
 */
@ConfigurationProperties("imagegen.api.images")
record ImageProperties(
        @DefaultValue("data/images") Path directory,
        @DefaultValue("2MB") DataSize tagImageMaxSize) {}
