package dev.imagegen.api.submit;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits a submitted task must keep, checked before anything is written ({@code imagegen.api.limits.*}).
 *
 * @param maxVariables how many variables a task may carry, named v0 upwards (default 6)
 * @param maxSubtasks largest cartesian product of the variables' values (default 10000)
 * @param maxValuesPerVariable values one variable may list (default 100)
 * @param maxTags fixed tags in {@code prompts} (default 100)
 * @param maxNameLength characters of a task name (default 255, the column's width)
 * @param maxTagValueLength characters of a tag's value, the prompt text itself (default 4000)
 * @param maxTagNameLength characters of a tag's uuid, name and type (default 255)
 * @param maxUrlLength characters of a tag's header_img (default 2048)
 * @param minWeight smallest tag weight (default -10)
 * @param maxWeight largest tag weight (default 10)
 * @param minPriority smallest task priority (default 1)
 * @param maxPriority largest task priority (default 10)
 * @param minBatchSize smallest batch size (default 1)
 * @param maxBatchSize largest batch size (default 8)
 * @param maxSeed largest seed; seeds start at 0 (default 4294967295)
 * @param ratios the known aspect ratios (default 1:1, 2:3, 3:2, 3:4, 4:3, 9:16, 16:9, 9:21, 21:9)
 * @param previewSize combinations a preview shows (default 20)
 */
@ConfigurationProperties("imagegen.api.limits")
record SubmitLimits(
        @DefaultValue("6") int maxVariables,
        @DefaultValue("10000") int maxSubtasks,
        @DefaultValue("100") int maxValuesPerVariable,
        @DefaultValue("100") int maxTags,
        @DefaultValue("255") int maxNameLength,
        @DefaultValue("4000") int maxTagValueLength,
        @DefaultValue("255") int maxTagNameLength,
        @DefaultValue("2048") int maxUrlLength,
        @DefaultValue("-10") double minWeight,
        @DefaultValue("10") double maxWeight,
        @DefaultValue("1") int minPriority,
        @DefaultValue("10") int maxPriority,
        @DefaultValue("1") int minBatchSize,
        @DefaultValue("8") int maxBatchSize,
        @DefaultValue("4294967295") long maxSeed,

        @DefaultValue({"1:1", "2:3", "3:2", "3:4", "4:3", "9:16", "16:9", "9:21", "21:9"})
        List<String> ratios,

        @DefaultValue("20") int previewSize) {}
