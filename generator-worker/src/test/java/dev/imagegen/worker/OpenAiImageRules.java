package dev.imagegen.worker;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What OpenAI's images API refuses, per model (CreateImageRequest in openai/openai-openapi): the
 * shut-down DALL·E models, unknown or DALL·E-only parameters sent to GPT image models, sizes a
 * model does not take, n outside 1..10, enum values it does not know, and prompts its safety
 * system blocks (here: any prompt holding "forbidden").
 */
final class OpenAiImageRules {

    record Refusal(int status, String type, String code, String param, String message) {}

    private static final Set<String> FIELDS = Set.of(
            "model",
            "prompt",
            "n",
            "size",
            "quality",
            "background",
            "output_format",
            "output_compression",
            "moderation",
            "response_format",
            "style",
            "user",
            "stream",
            "partial_images");
    private static final Set<String> GPT_IMAGE_1_SIZES = Set.of("1024x1024", "1536x1024", "1024x1536", "auto");

    private OpenAiImageRules() {}

    static Refusal check(JsonNode body) {
        for (String field : StubOpenAi.names(body)) {
            if (!FIELDS.contains(field)) {
                return invalid("unknown_parameter", field, "Unknown parameter: '" + field + "'.");
            }
        }
        String model = body.path("model").asString("dall-e-2");
        if (model.startsWith("dall-e")) {
            return new Refusal(
                    404,
                    "invalid_request_error",
                    "model_not_found",
                    "model",
                    "The model `" + model + "` does not exist or you do not have access to it.");
        }
        if (!List.of("gpt-image-1", "gpt-image-2").contains(model)) {
            return new Refusal(
                    404,
                    "invalid_request_error",
                    "model_not_found",
                    "model",
                    "The model `" + model + "` does not exist or you do not have access to it.");
        }
        if (!body.path("prompt").isString() || body.path("prompt").stringValue().isEmpty()) {
            return invalid("missing_required_parameter", "prompt", "Missing required parameter: 'prompt'.");
        }
        if (body.path("prompt").stringValue().length() > 32000) {
            return invalid("string_above_max_length", "prompt", "Prompt is longer than 32000 characters.");
        }
        if (body.has("response_format")) {
            return invalid("unknown_parameter", "response_format", "Unknown parameter: 'response_format'.");
        }
        if (body.has("style")) {
            return invalid("unknown_parameter", "style", "Unknown parameter: 'style'.");
        }
        JsonNode n = body.path("n");
        if (!n.isMissingNode() && (!n.isIntegralNumber() || n.intValue() < 1 || n.intValue() > 10)) {
            return invalid("integer_out_of_range", "n", "Invalid 'n': integer between 1 and 10 expected.");
        }
        Refusal size = checkSize(model, body.path("size").asString("auto"));
        if (size != null) {
            return size;
        }
        Refusal enums = checkEnum(body, "quality", List.of("low", "medium", "high", "auto"));
        enums = enums != null ? enums : checkEnum(body, "background", List.of("transparent", "opaque", "auto"));
        enums = enums != null ? enums : checkEnum(body, "output_format", List.of("png", "jpeg", "webp"));
        enums = enums != null ? enums : checkEnum(body, "moderation", List.of("low", "auto"));
        if (enums != null) {
            return enums;
        }
        if ("transparent".equals(body.path("background").asString(""))
                && "jpeg".equals(body.path("output_format").asString("png"))) {
            return invalid("invalid_value", "background", "Transparent background needs png or webp output.");
        }
        if (body.path("prompt").stringValue().contains("forbidden")) {
            return new Refusal(
                    400,
                    "image_generation_user_error",
                    "moderation_blocked",
                    null,
                    "Your request was rejected by the safety system.");
        }
        return null;
    }

    private static Refusal checkSize(String model, String size) {
        if (model.equals("gpt-image-1")) {
            return GPT_IMAGE_1_SIZES.contains(size)
                    ? null
                    : invalid(
                            "invalid_value",
                            "size",
                            "Invalid value: '" + size
                                    + "'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.");
        }
        if (size.equals("auto")) {
            return null;
        }
        String[] wh = size.split("x");
        try {
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            boolean ok = wh.length == 2
                    && w % 16 == 0
                    && h % 16 == 0
                    && w <= 3 * h
                    && h <= 3 * w
                    && Math.max(w, h) <= 3840
                    && (long) w * h <= 3840L * 2160;
            return ok ? null : invalid("invalid_value", "size", "Invalid value: '" + size + "'.");
        } catch (RuntimeException e) {
            return invalid("invalid_value", "size", "Invalid value: '" + size + "'.");
        }
    }

    private static Refusal checkEnum(JsonNode body, String field, List<String> allowed) {
        if (!body.has(field) || allowed.contains(body.path(field).asString(""))) {
            return null;
        }
        return invalid(
                "invalid_value",
                field,
                "Invalid value: '" + body.path(field) + "'. Supported values are: " + allowed + ".");
    }

    private static Refusal invalid(String code, String param, String message) {
        return new Refusal(400, "invalid_request_error", code, param, message);
    }
}
