package dev.imagegen.api.user;

import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Tells a text field sent as null from one left out: null (to remove the value) reads as an empty Optional, a field
 * left out (to keep the value) as Java null. Text is read as any other, so its checks apply.
 */
final class ExplicitNull extends StdDeserializer<Optional<String>> {

    ExplicitNull() {
        super(Optional.class);
    }

    @Override
    public Optional<String> deserialize(JsonParser parser, DeserializationContext context) {
        return Optional.of(context.readValue(parser, String.class));
    }

    @Override
    public Object getNullValue(DeserializationContext context) {
        return Optional.empty();
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }
}
