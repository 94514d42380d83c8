package org.clientele.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.clientele.platform.web.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The roles an endpoint's {@code @PreAuthorize} names are checked before its parameters are read: a user without
 * access gets 403, never a 400 or 415 that would tell them how to call what they may not call. The roles come from
 * the handlers' own annotations (path and method matched, content type and parameters not), so there is no list to
 * keep; {@code @PreAuthorize} still guards the method itself.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 2)
public class RolesBeforeBinding extends OncePerRequestFilter {

    private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final ProblemResponses problems;
    private final Map<HandlerMethod, Set<String>> rolesByHandler = new ConcurrentHashMap<>();

    RolesBeforeBinding(ObjectProvider<RequestMappingHandlerMapping> mappings, ProblemResponses problems) {
        this.mappings = mappings;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user != null && user.isAuthenticated() && !allowed(request, user)) {
            problems.write(
                    response,
                    HttpStatus.FORBIDDEN,
                    "ACCESS_DENIED",
                    "Your roles do not allow this request.",
                    request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Allowed unless every endpoint at this path and method requires a role the user lacks. */
    private boolean allowed(HttpServletRequest request, Authentication user) {
        Set<String> held = user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(authority -> authority.startsWith("ROLE_") ? authority.substring(5) : authority)
                .collect(Collectors.toSet());
        boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
        if (parsedHere) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            boolean matched = false;
            for (RequestMappingHandlerMapping mapping : mappings.orderedStream().toList()) {
                for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                        mapping.getHandlerMethods().entrySet()) {
                    RequestMappingInfo info = entry.getKey();
                    if (info.getPathPatternsCondition() == null
                            || info.getPathPatternsCondition().getMatchingCondition(request) == null
                            || info.getMethodsCondition().getMatchingCondition(request) == null) {
                        continue;
                    }
                    Set<String> roles = rolesByHandler.computeIfAbsent(entry.getValue(), RolesBeforeBinding::roles);
                    if (roles.isEmpty() || roles.stream().anyMatch(held::contains)) {
                        return true;
                    }
                    matched = true;
                }
            }
            return !matched;
        } finally {
            if (parsedHere) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    private static Set<String> roles(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (rule == null || !rule.value().matches("\\s*has(Any)?Role\\(.*\\)\\s*")) {
            return Set.of(); // no rule, or one this check does not read: left to @PreAuthorize alone
        }
        Matcher roles = ROLE.matcher(rule.value());
        List<String> found = new java.util.ArrayList<>();
        while (roles.find()) {
            found.add(roles.group(1));
        }
        return Set.copyOf(found);
    }
}
