package dev.imagegen.api.webpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The page loads without asking about its modules: index.html (revalidated on every load) names them under a path with
 * their version, served as immutable for a year; the unversioned paths stay revalidated.
 */
@ApiTest
class PageCachingTest {

    private static final Pattern ENTRY = Pattern.compile("src=\"assets/([0-9a-f]{16})/js/app.js\"");
    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"(assets/[^\"]+)\"");

    @Autowired
    MockMvc mvc;

    @Test
    void indexNamesEveryModuleByItsVersionAndIsRevalidated() throws Exception {
        var page = mvc.perform(get("/index.html"))
                .andExpect(status().isOk())
                .andExpect(header().string(
                                "Cache-Control", allOf(containsString("no-cache"), not(containsString("max-age")))))
                .andReturn()
                .getResponse();
        String html = page.getContentAsString(StandardCharsets.UTF_8);
        String etag = page.getHeader("ETag");

        assertThat(etag).as("ETag of index.html").isNotBlank();
        Matcher entry = ENTRY.matcher(html);
        assertThat(entry.find())
                .as("the entry module under its version in\n" + html)
                .isTrue();
        assertThat(html).as("no unversioned link left").doesNotContain("href=\"js/", "src=\"js/", "href=\"css/");
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"assets/" + entry.group(1) + "/css/app.css\">");
        assertThat(html).as("the page's own text is kept").contains("中文");
        mvc.perform(get("/index.html").header("If-None-Match", etag)).andExpect(status().isNotModified());
        mvc.perform(get("/")).andExpect(forwardedUrl("index.html"));
    }

    @Test
    void everyVersionedFileIsImmutableAndAnOtherVersionIsNotFound() throws Exception {
        String html =
                mvc.perform(get("/index.html")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<String> links = new ArrayList<>();
        Matcher link = LINK.matcher(html);
        while (link.find()) {
            links.add(link.group(1));
        }
        assertThat(links).as("versioned links of index.html").hasSizeGreaterThan(20);
        for (String path : links) {
            mvc.perform(get("/" + path))
                    .andExpect(status().isOk())
                    .andExpect(header().string(
                                    "Cache-Control",
                                    allOf(
                                            containsString("max-age=31536000"),
                                            containsString("public"),
                                            containsString("immutable"))));
        }
        // A module imported by a relative path resolves under its importer's version, listed or not.
        String version = links.getFirst().split("/")[1];
        mvc.perform(get("/assets/" + version + "/js/views/task.js")).andExpect(status().isOk());
        mvc.perform(get("/assets/0123456789abcdef/js/app.js")).andExpect(status().isNotFound());
        mvc.perform(get("/assets/" + version + "/index.html")).andExpect(status().isNotFound());
    }

    @Test
    void theUnversionedFilesAreRevalidatedNotRefetched() throws Exception {
        var first = mvc.perform(get("/js/app.js"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-cache")))
                .andExpect(header().string("Cache-Control", not(containsString("no-store"))))
                .andReturn()
                .getResponse();
        String lastModified = first.getHeader("Last-Modified");
        assertThat(lastModified).isNotBlank();
        mvc.perform(get("/js/app.js").header("If-Modified-Since", lastModified)).andExpect(status().isNotModified());
    }

    @Test
    void theVersionChangesWhenAnyModuleDoes(@TempDir Path root) throws Exception {
        Path module = root.resolve("static/js/views/a.js");
        Files.createDirectories(module.getParent());
        Files.createDirectories(root.resolve("static/css"));
        Files.writeString(root.resolve("static/css/app.css"), "body {}");
        Files.writeString(module, "export const a = 1;");
        String before = versionOf(root);
        assertThat(versionOf(root)).as("the same files, the same version").isEqualTo(before);
        Files.writeString(module, "export const a = 2;");
        assertThat(versionOf(root)).as("a changed module").isNotEqualTo(before);
    }

    private static String versionOf(Path root) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return PageAssets.versionOf(new PathMatchingResourcePatternResolver(new DefaultResourceLoader(loader)));
        }
    }
}
