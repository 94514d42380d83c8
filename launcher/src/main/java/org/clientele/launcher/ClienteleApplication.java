package org.clientele.launcher;

import org.clientele.command.CommandSide;
import org.clientele.query.QuerySide;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Both sides in one process and on one port. Nothing else lives here: the launcher only wires the two sides
 * together, on the embedded PostgreSQL unless SPRING_DATASOURCE_URL names a server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = FlywayAutoConfiguration.class)
@Import({CommandSide.class, QuerySide.class})
public class ClienteleApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommandLine.run(args, System.out));
        }
        if (args.length > 0 && args[0].equals("generate-events")) {
            System.exit(GenerateEventsCommandLine.run(args, System.out));
        }
        SpringApplication.run(ClienteleApplication.class, args);
    }
}
