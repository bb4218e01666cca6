package dev.imagegen.api.webpage;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.util.DigestUtils;
import org.springframework.web.servlet.resource.ResourceTransformer;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * index.html as served: its links to {@code js/} and {@code css/} point to the versioned copies ({@link PageAssets}),
 * and its ETag is a hash of what is served, so that a page loaded after a deploy names the new modules.
 */
final class IndexPage implements ResourceTransformer {

    private static final Pattern LINK = Pattern.compile("(href|src)=\"((?:js|css)/[^\"]+)\"");

    private final String base;

    IndexPage(String base) {
        this.base = base;
    }

    @Override
    public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain)
            throws IOException {
        Resource page = chain.transform(request, resource);
        String html = page.getContentAsString(StandardCharsets.UTF_8);
        Matcher link = LINK.matcher(html);
        String versioned = link.replaceAll(
                found -> Matcher.quoteReplacement(found.group(1) + "=\"" + base + found.group(2) + "\""));
        return new TransformedResource(page, versioned.getBytes(StandardCharsets.UTF_8));
    }

    static String etag(Resource page) {
        try {
            return "\"" + DigestUtils.md5DigestAsHex(page.getContentAsByteArray()) + "\"";
        } catch (IOException e) {
            return null;
        }
    }
}
