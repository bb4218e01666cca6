package dev.imagegen.api.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Says "or null" the way OpenAPI 3.1 (JSON Schema) understands it, where swagger-core leaves it out: a nullable
 * enumeration lists null among its values, and a nullable property that refers to another schema becomes
 * {@code anyOf: [the schema, null]} (a {@code $ref} takes no {@code type}).
 */
@Component
class NullableSchemas implements OpenApiCustomizer {

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
            Map<String, Schema> properties = schema.getProperties();
            if (properties == null) {
                continue;
            }
            properties.replaceAll((name, property) -> nullable(property));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema property) {
        Set<String> types = property.getTypes();
        boolean orNull = Boolean.TRUE.equals(property.getNullable()) || (types != null && types.contains("null"));
        if (!orNull) {
            return property;
        }
        if (property.get$ref() != null) {
            Schema ref = new Schema().$ref(property.get$ref());
            Schema none = new Schema();
            none.addType("null");
            Schema either = new Schema().anyOf(List.of(ref, none)).description(property.getDescription());
            if (property.getExample() != null) {
                either.setExample(property.getExample());
            }
            return either;
        }
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List values = new ArrayList(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }
}
