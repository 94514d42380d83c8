package org.clientele.launcher;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clientele.query.QuerySideApplication;

/**
 * An application in a JVM of its own, for what one JVM cannot show: a {@code kill -9}, or two processes with
 * their own token-store identities sharing a processor's segments.
 */
final class ChildProcess implements AutoCloseable {

    static final String READY = "CHILD-READY ";

    private final Process process;
    private final int port;

    private ChildProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code launcher} or {@code query-side} on the database, with extra arguments, and waits for its port. */
    static ChildProcess start(String application, String database, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                ChildProcess.class.getName(),
                application,
                database));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String line; (line = lines.readLine()) != null && System.nanoTime() < deadline; ) {
            if (line.startsWith(READY)) {
                int port = Integer.parseInt(line.substring(READY.length()).trim());
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> {}));
                drain.setDaemon(true);
                drain.start();
                return new ChildProcess(process, port);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the child application did not start");
    }

    ApiClient api() {
        return new ApiClient(port);
    }

    /** {@code kill -9}: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    public static void main(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, 2, args.length);
        Backend backend = switch (args[0]) {
            case "launcher" -> Backend.launcher(args[1], rest);
            case "query-side" -> Backend.start(QuerySideApplication.application(), Backend.withDatabase(args[1], rest));
            default -> throw new IllegalArgumentException("no application " + args[0]);
        };
        System.out.println(READY + backend.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
