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
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs an embedded Neo4j Community server with a plain-text Bolt connector, by default without auth.
 *
 * <p>Usage: {@code Launcher --data DIR --port N [--host 127.0.0.1] [--pagecache-mb 48]
 * [--auth-password-env NAME]}. With {@code --auth-password-env} auth is enabled and the
 * {@code neo4j} user's password is set, before the ready line and with no change required, to the
 * value of the environment variable NAME, so tests can prove what a wrong password does. The
 * password is read from the environment, not the command line, because Neo4j writes its command
 * line into {@code logs/debug.log} (and {@code ps} shows it). Prints {@code LIANMENG_NEO4J_READY bolt://HOST:PORT} once the
 * default database is available, then blocks until the JVM is stopped (SIGTERM shuts the store
 * down cleanly). The password is never printed.
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
            String password = passwordFromEnv(opts.get("--auth-password-env"));

            DatabaseManagementService dbms = start(data, host, port, pageCacheMb, password != null);
            Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
            if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(STARTUP_TIMEOUT_MS)) {
                throw new IllegalStateException("database 'neo4j' not available after " + STARTUP_TIMEOUT_MS + " ms");
            }
            if (password != null) {
                setPassword(dbms, password);
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

    /** The password in the named environment variable, or {@code null} without a name. */
    private static String passwordFromEnv(String variable) {
        if (variable == null) {
            return null;
        }
        String password = System.getenv(variable);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("--auth-password-env names " + variable + ", which is not set");
        }
        return password;
    }

    /**
     * Sets the {@code neo4j} user's password through the system database. Embedded transactions
     * run with full rights, and the password travels as a parameter, so it reaches no log; this
     * also works on a data directory that already has a password (a restart, or a new one).
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (!system.isAvailable(STARTUP_TIMEOUT_MS)) {
            throw new IllegalStateException("database 'system' not available after " + STARTUP_TIMEOUT_MS + " ms");
        }
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // the server's words (e.g. "at least 8 characters") without the statement or the value
            throw new IllegalStateException("could not set the neo4j user's password: " + e.getMessage());
        }
    }

    /**
     * Builds the management service: Bolt on host:port without TLS, no HTTP, auth only if asked, no usage
     * reports, a small page cache, and 1 s (not 5 s) Bolt shutdown waits so SIGTERM stops quickly.
     * The stores are checkpointed before Bolt stops, so the "event loop group has exceeded maximum
     * permitted duration" warning this produces at shutdown is harmless.
     */
    private static DatabaseManagementService start(Path data, String host, int port, long pageCacheMb,
                                                   boolean auth) {
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
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .build();
    }

    /** Parses {@code --key value} pairs; rejects unknown keys and a key without a value. */
    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i];
            if (!key.matches("--(data|port|host|pagecache-mb|auth-password-env)") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument '" + key + "'; usage: --data DIR --port N"
                        + " [--host 127.0.0.1] [--pagecache-mb 48] [--auth-password-env NAME]");
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
