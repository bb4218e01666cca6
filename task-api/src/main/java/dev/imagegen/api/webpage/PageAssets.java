package dev.imagegen.api.webpage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the page's modules and stylesheet a second time under {@code /assets/<version>/}, where the version is a hash
 * of all of them, with {@code Cache-Control: max-age=31536000, public, immutable}: a browser that has them loads the
 * page without asking the server about any of them. index.html, which names the current version ({@link IndexPage}),
 * is revalidated on every load ({@code no-cache}), so a deploy never mixes old and new modules: a changed module changes
 * every path, an old path answers 404.
 *
 * <p>One version for the whole tree, not one per file (Spring's content version strategy): the modules import each other
 * by relative paths, which resolve under the importer's prefix and so carry the same version without rewriting.
 */
@Configuration(proxyBeanMethods = false)
class PageAssets implements WebMvcConfigurer {

    static final String PREFIX = "/assets/";
    private static final String[] TREES = {"js", "css"};
    private static final String STATIC = "classpath:/static/";

    private final String version;

    PageAssets() {
        this.version = versionOf(new PathMatchingResourcePatternResolver());
    }

    /** The path the current version is served under, {@code assets/<version>/}, relative to the page. */
    String base() {
        return PREFIX.substring(1) + version + "/";
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        CacheControl forever =
                CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
        for (String tree : TREES) {
            registry.addResourceHandler(PREFIX + version + "/" + tree + "/**")
                    .addResourceLocations(STATIC + tree + "/")
                    .setCacheControl(forever);
        }
        // index.html is served as written but for its links, which name the version (IndexPage), and revalidated by
        // its ETag on every load; the welcome page ("/") forwards to it.
        registry.addResourceHandler("/index.html")
                .addResourceLocations(STATIC)
                .setCacheControl(CacheControl.noCache())
                .setUseLastModified(false)
                .setEtagGenerator(IndexPage::etag)
                .resourceChain(true)
                .addTransformer(new IndexPage(base()));
    }

    /** A hash of every file's path and bytes under static/js and static/css. */
    static String versionOf(ResourcePatternResolver resolver) {
        try {
            List<Resource> files = new ArrayList<>();
            for (String tree : TREES) {
                for (Resource file : resolver.getResources(STATIC + tree + "/**")) {
                    if (file.isReadable()
                            && file.getFilename() != null
                            && !file.getFilename().isEmpty()) {
                        files.add(file);
                    }
                }
            }
            files.sort(Comparator.comparing(PageAssets::path));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Resource file : files) {
                digest.update(path(file).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getContentAsByteArray());
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("no files under " + STATIC + "js or css");
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(Resource file) {
        try {
            String url = file.getURL().toString();
            return url.substring(url.lastIndexOf("/static/") + "/static/".length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
