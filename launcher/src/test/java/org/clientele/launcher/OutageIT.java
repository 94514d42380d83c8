package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database gone for twenty seconds under a write load: writes answer 503 problem+json with Retry-After within
 * about two seconds, health says so at once, and when the database is back everything recovers by itself, with
 * every acknowledged write kept and every projection caught up.
 */
class OutageIT {

    @Test
    void anOutageAnswers503FastAndRecoversAlone() throws Exception {
        String direct = TestDatabase.newDatabase();
        URI target = URI.create(direct.substring("jdbc:".length()));
        try (Proxy proxy = new Proxy(target.getPort());
                Backend backend =
                        Backend.launcher(direct.replace(":" + target.getPort() + "/", ":" + proxy.port() + "/"))) {
            ApiClient api = backend.api();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<Long> unavailableMillis = new CopyOnWriteArrayList<>();
            AtomicInteger otherFailures = new AtomicInteger();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger counter = new AtomicInteger();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 4; w++) {
                writers.submit(() -> {
                    while (writing.get()) {
                        long start = System.nanoTime();
                        ApiClient.Answer answer = api.post(
                                "/api/customers", ApiClient.BACKOFFICE, """
                                {"firstName":"Ada","lastName":"Outage","email":"outage%d@example.com",
                                 "origin":{"source":"test"}}""".formatted(counter.incrementAndGet()));
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        if (answer.status() == 201) {
                            acknowledged.add(answer.text("customerId"));
                        } else if (answer.status() == 503
                                && answer.contentType().startsWith("application/problem+json")
                                && "DATABASE_UNAVAILABLE".equals(answer.text("code"))) {
                            unavailableMillis.add(millis);
                            sleep(100);
                        } else {
                            otherFailures.incrementAndGet();
                            System.out.println("Outage test, unexpected answer: " + answer.raw());
                        }
                    }
                });
            }
            Thread.sleep(1500);
            int beforeOutage = acknowledged.size();
            proxy.cut();
            Thread.sleep(3000);
            long healthStart = System.nanoTime();
            ApiClient.Answer health = api.get("/actuator/health", null);
            long healthMillis = (System.nanoTime() - healthStart) / 1_000_000;
            assertThat(health.status()).isEqualTo(503);
            ApiClient.Answer retry = api.post("/api/customers", ApiClient.BACKOFFICE, """
                    {"firstName":"Ada","lastName":"Outage","email":"probe@example.com","origin":{"source":"test"}}""");
            assertThat(retry.status()).isEqualTo(503);
            Thread.sleep(17000);
            proxy.restore();
            long restored = System.nanoTime();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> assertThat(api.get("/actuator/health", null).status())
                                    .isEqualTo(200));
            int afterOutage = acknowledged.size();
            Thread.sleep(1500);
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            System.out.println("Outage test: " + beforeOutage + " writes before the cut, " + unavailableMillis.size()
                    + " answered 503 (slowest "
                    + unavailableMillis.stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElse(0)
                    + " ms), health in " + healthMillis + " ms, " + (acknowledged.size() - afterOutage)
                    + " writes after the restore, " + otherFailures.get() + " other answers");
            assertThat(beforeOutage).isPositive();
            assertThat(unavailableMillis).isNotEmpty();
            assertThat(unavailableMillis.stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElseThrow())
                    .as("a 503 comes within the connection timeout, not after 30 s")
                    .isLessThan(3000);
            assertThat(healthMillis).isLessThan(3000);
            assertThat(retry.raw()).contains("DATABASE_UNAVAILABLE");
            assertThat(acknowledged.size())
                    .as("writes succeed again after the restore")
                    .isGreaterThan(afterOutage);
            assertThat(otherFailures.get()).isZero();

            JdbcTemplate jdbc = backend.bean(JdbcTemplate.class);
            List<String> stored = jdbc.queryForList(
                    "SELECT aggregate_identifier FROM domain_event_entry WHERE sequence_number = 0", String.class);
            assertThat(stored).containsAll(acknowledged);
            // A commit that reached PostgreSQL just as the proxy cut the connection is kept although its answer was a
            // 503: its outcome is unknown to the client, never lost. The read side must show every stored customer.
            System.out.println("Outage test: " + (stored.size() - acknowledged.size())
                    + " writes kept although their answer was lost in the cut");
            backend.awaitProjections();
            long caughtUpMillis = (System.nanoTime() - restored) / 1_000_000;
            System.out.println("Outage test: every projection caught up " + caughtUpMillis + " ms after the restore");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_profile", Long.class))
                    .as("every stored customer, acknowledged or not, has reached the read side")
                    .isEqualTo(stored.size());
            assertThat(caughtUpMillis)
                    .as("the processors resume when the database answers, not after Axon's doubled back-off")
                    .isLessThan(15_000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A TCP proxy in front of PostgreSQL that can cut every connection and refuse new ones, like a database down. */
    static final class Proxy implements AutoCloseable {

        private final ServerSocket server;
        private final int targetPort;
        private final AtomicBoolean up = new AtomicBoolean(true);
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "outage-proxy");
            thread.setDaemon(true);
            return thread;
        });

        Proxy(int targetPort) throws IOException {
            this.targetPort = targetPort;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            threads.submit(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        void cut() {
            up.set(false);
            open.forEach(Proxy::closeQuietly);
            open.clear();
        }

        void restore() {
            up.set(true);
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (!up.get()) {
                        closeQuietly(client);
                        continue;
                    }
                    Socket database = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(database);
                    threads.submit(() -> pipe(client, database));
                    threads.submit(() -> pipe(database, client));
                } catch (IOException closed) {
                    // the proxy is shutting down, or a connection failed: the next accept goes on
                }
            }
        }

        private void pipe(Socket from, Socket to) {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException cut) {
                // either side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            cut();
            threads.shutdownNow();
        }
    }
}
