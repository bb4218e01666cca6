package dev.imagegen.api.submit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a {@link NewTask} body as it was sent, before Jackson binds it: the reader walks the JSON tree, so a refusal
 * names each bad field by its exact path ({@code $.priorty is not a known field}, {@code $.variables.v0.values[2]}),
 * where binding would stop at the first. A body that is not JSON at all is left to the converter, which refuses it.
 */
@ControllerAdvice
class CheckedSubmission extends RequestBodyAdviceAdapter {

    private final SubmissionReader reader;
    private final ObjectMapper mapper;
    private final ObjectMapper withoutNulls;

    CheckedSubmission(SubmissionReader reader, JsonMapper mapper) {
        this.reader = reader;
        this.mapper = mapper;
        this.withoutNulls = mapper.rebuild()
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType == NewTask.class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        byte[] body = input.getBody().readAllBytes();
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JacksonException unreadable) {
            return replay(input.getHeaders(), body);
        }
        reader.read(tree);
        return replay(input.getHeaders(), body);
    }

    /**
     * The bound body as the reader's tree again, absent fields left out (the defaults the reader applies to a missing
     * field are the same as to an explicit null), for the expansion and the columns written.
     */
    JsonNode tree(NewTask task) {
        return withoutNulls.valueToTree(task);
    }

    private static HttpInputMessage replay(HttpHeaders headers, byte[] body) {
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }
}
