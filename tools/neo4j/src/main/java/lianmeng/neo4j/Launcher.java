package lianmeng.neo4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs an embedded Neo4j Community server with a plain-text Bolt connector and no auth.
 *
 * <p>Usage: {@code Launcher --data DIR --port N [--host 127.0.0.1] [--pagecache-mb 48]}.
 * Prints {@code LIANMENG_NEO4J_READY bolt://HOST:PORT} once the default database is
 * available, then blocks until the JVM is stopped (SIGTERM shuts the store down cleanly).
 */
public final class Launcher {
    private static final long STARTUP_TIMEOUT_MS = 120_000;

    private Launcher() {}

    public static void main(String[] args) {
        try {
            Map<String, String> opts = parseArgs(args);
            String host = opts.getOrDefault("--host", "127.0.0.1");
            int port = Integer.parseInt(required(opts, "--port"));
            long pageCacheMb = Long.parseLong(opts.getOrDefault("--pagecache-mb", "48"));
            Path data = Path.of(required(opts, "--data")).toAbsolutePath();

            DatabaseManagementService dbms = start(data, host, port, pageCacheMb);
            Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
            if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(STARTUP_TIMEOUT_MS)) {
                throw new IllegalStateException("database 'neo4j' not available after " + STARTUP_TIMEOUT_MS + " ms");
            }
            System.out.println("LIANMENG_NEO4J_READY bolt://" + host + ":" + port);
            System.out.flush();
            new CountDownLatch(1).await();
        } catch (Throwable e) {
            System.err.println("LIANMENG_NEO4J_FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Builds the management service: Bolt on host:port without TLS, no HTTP, no auth, no usage
     * reports, a small page cache, and 1 s (not 5 s) Bolt shutdown waits so SIGTERM stops quickly.
     * The stores are checkpointed before Bolt stops, so the "event loop group has exceeded maximum
     * permitted duration" warning this produces at shutdown is harmless.
     */
    private static DatabaseManagementService start(Path data, String host, int port, long pageCacheMb) {
        SocketAddress address = new SocketAddress(host, port);
        return new DatabaseManagementServiceBuilder(data)
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, address)
                .setConfig(BoltConnector.advertised_address, address)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .build();
    }

    /** Parses {@code --key value} pairs; rejects unknown keys and a key without a value. */
    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i];
            if (!key.matches("--(data|port|host|pagecache-mb)") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument '" + key + "'; usage: --data DIR --port N"
                        + " [--host 127.0.0.1] [--pagecache-mb 48]");
            }
            opts.put(key, args[i + 1]);
        }
        return opts;
    }

    private static String required(Map<String, String> opts, String key) {
        String value = opts.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing required argument " + key);
        }
        return value;
    }
}
