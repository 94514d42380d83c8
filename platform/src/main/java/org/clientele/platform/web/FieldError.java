package org.clientele.platform.web;

/** One rejected input: which field, and why. */
public record FieldError(String field, String reason) {}
