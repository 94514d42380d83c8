package org.clientele.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.clientele.events.metadata.MessageMetadata;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request a correlation id (the caller's {@code X-Correlation-Id} when it is sane, a new one
 * otherwise), echoes it on the answer, and builds the metadata every command carries: user, source system,
 * correlation id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestMetadata extends OncePerRequestFilter {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String SOURCE_SYSTEM_HEADER = "X-Source-System";
    private static final String DEFAULT_SOURCE_SYSTEM = "api";
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:-]{1,100}$");
    private static final String ATTRIBUTE = RequestMetadata.class.getName() + ".correlationId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(CORRELATION_HEADER);
        String correlationId = given != null && SAFE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, correlationId);
        response.setHeader(CORRELATION_HEADER, correlationId);
        chain.doFilter(request, response);
    }

    /** The metadata for a command issued while serving {@code request}. */
    public Map<String, String> commandMetadata(HttpServletRequest request) {
        Map<String, String> metadata = new HashMap<>();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        metadata.put(MessageMetadata.USER, authentication == null ? "anonymous" : authentication.getName());
        String source = request.getHeader(SOURCE_SYSTEM_HEADER);
        metadata.put(
                MessageMetadata.SOURCE_SYSTEM,
                source != null && SAFE.matcher(source).matches() ? source : DEFAULT_SOURCE_SYSTEM);
        Object correlationId = request.getAttribute(ATTRIBUTE);
        metadata.put(
                MessageMetadata.CORRELATION_ID,
                correlationId != null
                        ? correlationId.toString()
                        : UUID.randomUUID().toString());
        return metadata;
    }
}
