package dev.imagegen.api.webpage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * index.html preloads every module of the page ({@code <link rel="modulepreload">}), so the browser fetches them all at
 * once instead of one import level after another: a module added under js/ and not listed, or a listed one that is
 * gone, fails here.
 */
class PageModulesTest {

    private static final Path STATIC = Path.of("src", "main", "resources", "static");
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">");

    @Test
    void indexPreloadsEveryModuleOnce() throws IOException {
        List<String> listed = new ArrayList<>();
        Matcher found = PRELOAD.matcher(Files.readString(STATIC.resolve("index.html")));
        while (found.find()) {
            listed.add(found.group(1));
        }
        Set<String> modules = new TreeSet<>();
        try (Stream<Path> files = Files.walk(STATIC.resolve("js"))) {
            files.filter(f -> f.toString().endsWith(".js"))
                    .map(f -> STATIC.relativize(f).toString().replace('\\', '/'))
                    .forEach(modules::add);
        }

        assertThat(modules).as("modules under js/").hasSizeGreaterThan(20);
        assertThat(listed).as("modulepreload links of index.html").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(listed))
                .as("modulepreload links of index.html against the modules under js/")
                .isEqualTo(modules);
        assertThat(listed.getFirst()).as("the entry module first").isEqualTo("js/app.js");
    }
}
