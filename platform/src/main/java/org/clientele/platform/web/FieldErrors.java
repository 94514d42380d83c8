package org.clientele.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/**
 * Turns the plain values of a request into domain value types, collecting every rejected field with the value
 * type's own reason, so that one 400 answer lists all that is wrong.
 */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    /** Converts an optional value; {@code null} stays {@code null}. */
    public <I, O> O optional(String field, I input, Function<I, O> factory) {
        if (input == null || (input instanceof String text && text.isBlank())) {
            return null;
        }
        try {
            return factory.apply(input);
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    /** Converts a required value; a missing one is reported as such. */
    public <I, O> O required(String field, I input, Function<I, O> factory) {
        if (input == null || (input instanceof String text && text.isBlank())) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return optional(field, input, factory);
    }

    public void reject(String field, String reason) {
        errors.add(new FieldError(field, reason));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_FIELD",
                    "The request has invalid fields: "
                            + errors.stream().map(FieldError::field).toList(),
                    errors);
        }
    }
}
