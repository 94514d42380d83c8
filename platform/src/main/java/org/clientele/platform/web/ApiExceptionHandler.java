package org.clientele.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.clientele.platform.database.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as {@code application/problem+json} with a stable {@code code}. Bad input names the field
 * and the reason; only a defect of ours gives a 500, and then without internals. Ordered last so that each side's
 * own handlers for its domain outcomes are consulted first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> handleProblem(ProblemException e, HttpServletRequest request) {
        return answer(e.status(), e.code(), e.getMessage(), e.errors(), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException e, HttpServletRequest request) {
        return answer(
                HttpStatus.FORBIDDEN, "ACCESS_DENIED", "Your roles do not allow this request.", List.of(), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> handleAuthentication(AuthenticationException e, HttpServletRequest request) {
        return answer(
                HttpStatus.UNAUTHORIZED,
                "AUTHENTICATION_REQUIRED",
                "Authenticate with HTTP Basic.",
                List.of(),
                request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(
            MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String reason = e.getRequiredType() != null && e.getRequiredType().isEnum()
                ? "must be one of " + Arrays.toString(e.getRequiredType().getEnumConstants())
                : "is not a valid "
                        + (e.getRequiredType() == null
                                ? "value"
                                : e.getRequiredType().getSimpleName());
        var error = new FieldError(e.getName(), "'" + e.getValue() + "' " + reason);
        return answer(
                HttpStatus.BAD_REQUEST,
                "INVALID_PARAMETER",
                "Parameter '" + e.getName() + "' " + reason,
                List.of(error),
                request);
    }

    /**
     * The database cannot be reached: 503 with Retry-After, within the pool's connection timeout (2 s), and a
     * one-line warning rather than a stack trace per request for as long as the outage lasts.
     */
    static ResponseEntity<ProblemDetail> databaseUnavailable(Throwable e, HttpServletRequest request) {
        log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), rootMessage(e));
        ProblemDetail problem = ProblemResponses.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "DATABASE_UNAVAILABLE",
                "The database cannot be reached; nothing was recorded. Retry in a few seconds.",
                List.of());
        problem.setInstance(ProblemResponses.instance(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** An upload whose multipart body cannot be parsed (no closing boundary, a broken part) is the client's fault. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> handleMalformedMultipart(
            org.springframework.web.multipart.MultipartException e, HttpServletRequest request) {
        if (e instanceof org.springframework.web.multipart.MaxUploadSizeExceededException) {
            return answer(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "BODY_TOO_LARGE",
                    "The upload is larger than this server accepts (spring.servlet.multipart.max-file-size).",
                    List.of(),
                    request);
        }
        return answer(
                HttpStatus.BAD_REQUEST,
                "MALFORMED_MULTIPART",
                "The multipart body cannot be read: it needs a 'file' part and a closing boundary.",
                List.of(),
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e, HttpServletRequest request) {
        if (DatabaseFailures.isUnavailable(e)) {
            return databaseUnavailable(e, request);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR",
                "The request failed on our side; nothing was recorded for it.",
                List.of(),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        ProblemDetail problem;
        Throwable tooLarge = cause;
        while (tooLarge != null && !(tooLarge instanceof RequestBodyLimit.BodyTooLargeException)) {
            tooLarge = tooLarge.getCause();
        }
        if (tooLarge != null) {
            problem = ProblemResponses.problem(
                    HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE", tooLarge.getMessage(), List.of());
        } else if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            problem = ProblemResponses.problem(
                    HttpStatus.BAD_REQUEST,
                    "UNKNOWN_FIELD",
                    "Field '" + field + "' is not part of this request.",
                    List.of(new FieldError(field, "is not a known field")));
        } else if (cause instanceof ValueInstantiationException invalid) {
            String field = path(invalid);
            String reason = invalid.getCause() != null ? invalid.getCause().getMessage() : invalid.getOriginalMessage();
            problem = ProblemResponses.problem(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_FIELD",
                    "Field '" + field + "' is invalid: " + reason,
                    List.of(new FieldError(field, reason)));
        } else if (cause instanceof InvalidFormatException format) {
            String field = path(format);
            String reason =
                    format.getTargetType() != null && format.getTargetType().isEnum()
                            ? "'" + format.getValue() + "' is not one of "
                                    + Arrays.toString(format.getTargetType().getEnumConstants())
                            : "'" + format.getValue() + "' is not a valid " + typeName(format.getTargetType());
            problem = ProblemResponses.problem(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_FIELD",
                    "Field '" + field + "': " + reason,
                    List.of(new FieldError(field, reason)));
        } else if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String reason = "must be a " + typeName(mismatch.getTargetType());
            problem = ProblemResponses.problem(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_FIELD",
                    "Field '" + field + "' " + reason,
                    List.of(new FieldError(field, reason)));
        } else if (cause instanceof JsonProcessingException json) {
            problem = ProblemResponses.problem(
                    HttpStatus.BAD_REQUEST,
                    "MALFORMED_JSON",
                    "The body is not valid JSON: " + json.getOriginalMessage(),
                    List.of());
        } else {
            problem = ProblemResponses.problem(
                    HttpStatus.BAD_REQUEST, "MISSING_BODY", "The request needs a JSON body.", List.of());
        }
        return withProblemType(problem, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        ProblemDetail problem = ProblemResponses.problem(
                HttpStatus.BAD_REQUEST,
                "INVALID_FIELD",
                "The request has invalid fields: "
                        + errors.stream().map(FieldError::field).toList(),
                errors);
        return withProblemType(problem, request);
    }

    /** The answers Spring MVC builds itself (404, 405, 415, missing parameter...) get a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail
                ? detail
                : ProblemDetail.forStatusAndDetail(status, e.getMessage());
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String code = known == null ? "HTTP_" + status.value() : known.name();
            ProblemDetail coded = ProblemResponses.problem(status, code, problem.getDetail(), List.of());
            problem = coded;
        }
        return withProblemType(problem, request);
    }

    private static ResponseEntity<Object> withProblemType(ProblemDetail problem, WebRequest request) {
        String uri = request.getDescription(false).replaceFirst("^uri=", "");
        problem.setInstance(ProblemResponses.instance(uri));
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<ProblemDetail> answer(
            HttpStatusCode status, String code, String detail, List<FieldError> errors, HttpServletRequest request) {
        return ProblemResponses.response(status, code, detail, errors, request.getRequestURI());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference ->
                        reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type.getPackageName().startsWith("java.time")) {
            return "ISO-8601 " + type.getSimpleName() + " (for example 2024-03-01T10:15:30Z)";
        }
        return type.getSimpleName();
    }
}
