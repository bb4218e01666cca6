package dev.imagegen.api.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.webjars.WebJarVersionLocator;

/**
 * Serves the uPlot webjar's {@code dist/} under {@code /js/vendor/uplot/}, a path without its version, next to the
 * page's own modules (and under the same public access rule).
 */
@Configuration(proxyBeanMethods = false)
class ChartLibrary implements WebMvcConfigurer {

    static final String PATH = "/js/vendor/uplot/**";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String version = new WebJarVersionLocator().version("uplot");
        if (version == null) {
            throw new IllegalStateException("the uplot webjar is not on the classpath");
        }
        registry.addResourceHandler(PATH)
                .addResourceLocations("classpath:/META-INF/resources/webjars/uplot/" + version + "/dist/");
    }
}
