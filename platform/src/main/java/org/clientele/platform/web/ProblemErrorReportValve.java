package org.clientele.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat answers by itself, before any filter or controller runs (a path with {@code %2F}, {@code %5C} or
 * {@code %00}, a request it cannot parse): problem+json with a code, like every other answer, instead of its HTML
 * page. Tomcat creates it from its class name, so it writes the JSON itself.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = status == 400 ? "INVALID_REQUEST" : known == null ? "HTTP_" + status : known.name();
        String detail = status == 400
                ? "The request could not be read: its path or headers are malformed (an encoded '/', '\\\\' or NUL"
                        + " in the path is refused)."
                : known == null ? "HTTP " + status : known.getReasonPhrase();
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer == null) {
                return;
            }
            writer.write("{\"type\":\"https://clientele.dev/problems/"
                    + code.toLowerCase(Locale.ROOT).replace('_', '-') + "\",\"title\":\""
                    + (known == null ? "Error" : known.getReasonPhrase()) + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"code\":\""
                    + code + "\"}");
            response.finishResponse();
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the answer was already under way: nothing more can be said
        }
    }
}
