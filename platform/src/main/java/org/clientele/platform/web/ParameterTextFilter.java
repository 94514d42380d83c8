package org.clientele.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.clientele.events.text.ControlCharacters;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query parameter that carries a control character (see {@link ControlCharacters}) before any handler
 * passes it to PostgreSQL, which would answer with an error for U+0000. Runs after the security filters, so that an
 * unauthenticated caller still gets its 401.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
public class ParameterTextFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;

    public ParameterTextFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            for (Map.Entry<String, String[]> parameter :
                    request.getParameterMap().entrySet()) {
                String problem = problem(parameter.getKey(), parameter.getValue());
                if (problem != null) {
                    problems.write(
                            response,
                            HttpStatus.BAD_REQUEST,
                            "INVALID_PARAMETER",
                            problem,
                            java.util.List.of(new FieldError(printable(parameter.getKey()), problem)),
                            request.getRequestURI());
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static String problem(String name, String[] values) {
        var inName = ControlCharacters.problem(name);
        if (inName.isPresent()) {
            return "The parameter name " + inName.get();
        }
        for (String value : values) {
            var inValue = ControlCharacters.problem(value);
            if (inValue.isPresent()) {
                return "Parameter '" + printable(name) + "' " + inValue.get();
            }
        }
        return null;
    }

    private static String printable(String name) {
        return ControlCharacters.problem(name).isPresent() ? "?" : name;
    }
}
