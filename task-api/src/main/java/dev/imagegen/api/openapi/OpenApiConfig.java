package dev.imagegen.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The document's schemas are resolved by swagger-core with its own Jackson 2 mapper, which knows nothing of
 * {@code spring.jackson.property-naming-strategy}: given the same strategy here, a record's documented properties are
 * the names Jackson 3 writes and reads.
 */
@Configuration
class OpenApiConfig {

    /** Replaces springdoc's default model resolver (same class), for every schema of the document. */
    @Bean
    ModelResolver snakeCaseModelResolver(SpringDocConfigProperties properties) {
        boolean openapi31 = properties.isOpenapi31();
        ObjectMapper mapper = (openapi31 ? Json31.mapper() : Json.mapper()).copy();
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new ModelResolver(mapper).openapi31(openapi31);
    }

    @Bean
    OpenAPI imagegenOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("imagegen task API")
                        .version("1")
                        .description("Submit image generation tasks, follow them, rate and share their images."
                                + " Every refusal is application/problem+json; bad input lists each field under"
                                + " errors[] with its JSON path."));
    }
}
