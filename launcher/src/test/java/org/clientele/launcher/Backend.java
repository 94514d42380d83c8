package org.clientele.launcher;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Clientele application the way its main method does, on a random port, with the dev users. */
final class Backend implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private Backend(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** The one-process launcher against the given database. */
    static Backend launcher(String jdbcUrl, String... extraArgs) {
        return start(new SpringApplicationBuilder(ClienteleApplication.class), withDatabase(jdbcUrl, extraArgs));
    }

    static Backend start(SpringApplicationBuilder application, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0", "--spring.profiles.active=dev", "--clientele.lifecycle.reassess-every=PT1H"));
        all.addAll(List.of(args));
        return new Backend(application.run(all.toArray(String[]::new)));
    }

    static String[] withDatabase(String jdbcUrl, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password="));
        args.addAll(List.of(extraArgs));
        return args.toArray(String[]::new);
    }

    ApiClient api() {
        return new ApiClient(
                ((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
