package org.clientele.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Builds RFC 7807 answers: a stable machine code, a human detail, and the fields at fault. */
@Component
public class ProblemResponses {

    private static final String TYPE_PREFIX = "https://clientele.dev/problems/";

    private final ObjectMapper objectMapper;

    public ProblemResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** A whole problem answer, for exception handlers. */
    public static ResponseEntity<ProblemDetail> response(
            HttpStatusCode status, String code, String detail, List<FieldError> errors, String instance) {
        ProblemDetail problem = problem(status, code, detail, errors);
        problem.setInstance(instance(instance));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** For answers written outside Spring MVC, such as the security filters. */
    public void write(HttpServletResponse response, HttpStatusCode status, String code, String detail, String instance)
            throws IOException {
        write(response, status, code, detail, List.of(), instance);
    }

    /** The same, naming the fields at fault. */
    public void write(
            HttpServletResponse response,
            HttpStatusCode status,
            String code,
            String detail,
            List<FieldError> errors,
            String instance)
            throws IOException {
        ProblemDetail problem = problem(status, code, detail, errors);
        problem.setInstance(instance(instance));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /** The request's path as the problem's instance; a path that is not even a URI (why it was refused) is left out. */
    public static URI instance(String path) {
        if (path == null) {
            return null;
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
