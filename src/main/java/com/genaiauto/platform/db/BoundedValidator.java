package com.genaiauto.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import org.apache.tomcat.jdbc.pool.Validator;

/**
 * Checks a pooled connection with a read bound of its own. The pool's validation query timeout
 * only asks the server to cancel, which a hung server (stopped, or packets dropped) never does:
 * the check would wait out the whole socket timeout and then the reconnect. Two seconds without
 * an answer is enough to call the connection dead and let the request answer 503 at once.
 */
public final class BoundedValidator implements Validator {

    static final int VALIDATION_MILLIS = 2_000;
    // The network timeout is enforced on the reading thread; the executor is only for the abort path.
    private static final Executor DIRECT = Runnable::run;

    @Override
    public boolean validate(Connection connection, int validateAction) {
        try {
            int previous = connection.getNetworkTimeout();
            connection.setNetworkTimeout(DIRECT, VALIDATION_MILLIS);
            try (Statement statement = connection.createStatement()) {
                statement.execute("/* genai-auto health */ SELECT 1");
            }
            connection.setNetworkTimeout(DIRECT, previous);
            return true;
        } catch (SQLException | RuntimeException dead) {
            return false;
        }
    }
}
