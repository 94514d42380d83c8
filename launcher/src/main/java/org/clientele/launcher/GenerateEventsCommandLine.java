package org.clientele.launcher;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.clientele.command.bench.HistoryGenerator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar clientele.jar generate-events --customers=1000000 [--seed=42]}: a deterministic customer file of
 * about ten events a customer in the event store, for the rebuild benchmark ({@link HistoryGenerator}). The write
 * side alone runs meanwhile, as for a command-line import.
 */
final class GenerateEventsCommandLine {

    private GenerateEventsCommandLine() {}

    static int run(String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--customers=") || arg.startsWith("--seed=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        if (!options.containsKey("customers")) {
            out.println("usage: java -jar clientele.jar generate-events --customers=<n> [--seed=<n>] "
                    + "[--spring.datasource.url=...]");
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
                        ImportCommandLine.ImportApplication.class)
                .web(WebApplicationType.NONE)
                .run(args)) {
            context.getBean(HistoryGenerator.class)
                    .generate(
                            Integer.parseInt(options.get("customers")),
                            Long.parseLong(options.getOrDefault("seed", "42")),
                            out);
            return 0;
        }
    }
}
