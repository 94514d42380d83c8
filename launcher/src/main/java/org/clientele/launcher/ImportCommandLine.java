package org.clientele.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.clientele.command.importing.ImportJob;
import org.clientele.command.importing.ImportKind;
import org.clientele.command.importing.ImportMapping;
import org.clientele.command.importing.ImportService;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar clientele.jar import <contacts|purchases> --file=<csv or csv.gz> --mapping=<json>}: the HTTP
 * import's code path for files on disk, with progress on the console. Other arguments (such as
 * {@code --spring.datasource.url=...}) configure the backend as usual.
 */
final class ImportCommandLine {

    /**
     * The write side alone, on the launcher's database: the projections are not run during a command-line import
     * (they would take the CPU the import needs) and catch up when the backend next starts.
     */
    @org.springframework.boot.SpringBootConfiguration
    @org.springframework.boot.autoconfigure.EnableAutoConfiguration(
            exclude = org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration.class)
    @org.springframework.context.annotation.Import(org.clientele.command.CommandSide.class)
    static class ImportApplication {}

    private ImportCommandLine() {}

    static int run(String[] args, PrintStream out) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--file=") || arg.startsWith("--mapping=") || arg.startsWith("--user=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        if (args.length < 2 || !options.containsKey("file") || !options.containsKey("mapping")) {
            out.println("usage: java -jar clientele.jar import <contacts|purchases> --file=<csv[.gz]> "
                    + "--mapping=<mapping.json> [--user=<name>] [--spring.datasource.url=...]");
            return 2;
        }
        ImportKind kind = ImportKind.valueOf(args[1].toUpperCase(Locale.ROOT));
        Path file = Path.of(options.get("file"));
        ImportMapping mapping =
                new ObjectMapper().readValue(Files.readAllBytes(Path.of(options.get("mapping"))), ImportMapping.class);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ImportApplication.class)
                .web(WebApplicationType.NONE)
                .run(args)) {
            ImportJob job = context.getBean(ImportService.class)
                    .runNow(
                            kind,
                            mapping,
                            file,
                            options.getOrDefault("user", "command-line"),
                            progress -> out.printf(
                                    "read %,d  accepted %,d  rejected %,d  returns %,d%n",
                                    progress.rowsRead(),
                                    progress.rowsAccepted(),
                                    progress.rowsRejected(),
                                    progress.rowsReturns()));
            out.printf(
                    "%s: %,d rows in %s at %,.0f rows/s; customers created %,d, matched %,d; purchases %,d, "
                            + "returns %,d; job %s%n",
                    job.status(),
                    job.progress().rowsRead(),
                    java.time.Duration.between(job.startedAt(), job.finishedAt()),
                    job.rowsPerSecond(job.finishedAt()),
                    job.progress().customersCreated(),
                    job.progress().customersMatched(),
                    job.progress().purchases(),
                    job.progress().returns(),
                    job.id());
            if (job.failure() != null) {
                out.println("failure: " + job.failure());
            }
            return "COMPLETED".equals(job.status()) ? 0 : 1;
        }
    }
}
