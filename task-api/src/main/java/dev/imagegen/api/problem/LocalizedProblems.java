package dev.imagegen.api.problem;

import java.util.List;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Every problem answer of the API, Spring's own included, in the request's language: its title, detail and errors. */
@RestControllerAdvice
class LocalizedProblems implements ResponseBodyAdvice<Object> {

    private final ProblemTexts texts;

    LocalizedProblems(ProblemTexts texts) {
        this.texts = texts;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            Locale locale = LocaleContextHolder.getLocale();
            problem.setTitle(texts.translate(problem.getTitle(), locale));
            problem.setDetail(texts.translate(problem.getDetail(), locale));
            if (problem.getProperties() != null && problem.getProperties().get("errors") instanceof List<?> errors) {
                problem.setProperty(
                        "errors",
                        errors.stream()
                                .map(error -> error instanceof FieldProblem field
                                        ? new FieldProblem(field.path(), texts.translate(field.message(), locale))
                                        : error)
                                .toList());
            }
        }
        return body;
    }
}
