package org.clientele.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The edges where an answer used to escape problem+json: Tomcat's own error page, Spring Security's firewall
 * (a {@code //}, {@code ;} or {@code %25} in the path, an unknown method) and Spring Boot's {@code /error} page.
 */
@Configuration(proxyBeanMethods = false)
public class WebEdgeConfiguration {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** The firewall refuses paths that could fool a matcher, and methods nobody serves: say so as a problem. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemResponses problems) {
        return (request, response, rejected) -> {
            if (!METHODS.contains(request.getMethod())) {
                response.setHeader("Allow", String.join(", ", METHODS));
                problems.write(
                        response,
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "METHOD_NOT_ALLOWED",
                        "Method " + request.getMethod() + " is not served.",
                        request.getRequestURI());
                return;
            }
            problems.write(
                    response,
                    HttpStatus.BAD_REQUEST,
                    "REQUEST_REJECTED",
                    "The path is refused: it holds an empty segment ('//'), a ';', an encoded '%', '/', '\\\\' or"
                            + " '.', or a control character.",
                    request.getRequestURI());
        };
    }

    /**
     * Spring Boot's {@code /error}, for failures outside the controllers: problem+json with a code. Registered as a
     * member of this configuration; Spring Boot's own error controller then stands back.
     */
    @io.swagger.v3.oas.annotations.Hidden
    @RestController
    @RequestMapping("${server.error.path:${error.path:/error}}")
    static class ProblemErrorController implements ErrorController {

        @RequestMapping
        ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
            Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            // asked for directly, /error is just a path that serves nothing
            int status = statusAttribute instanceof Integer value && value >= 400
                    ? value
                    : statusAttribute == null ? 404 : 500;
            HttpStatus known = HttpStatus.resolve(status);
            String code = known == null
                    ? "HTTP_" + status
                    : status == 500 ? "INTERNAL_ERROR" : status == 404 ? "NOT_FOUND" : known.name();
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            return ProblemResponses.response(
                    HttpStatusCode.valueOf(status),
                    code,
                    known == null ? "HTTP " + status : known.getReasonPhrase(),
                    List.of(),
                    uri == null ? request.getRequestURI() : uri.toString());
        }
    }
}
