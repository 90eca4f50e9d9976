package com.genaiauto.platform.redis;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;

/** Key-space housekeeping shared by the caches. */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** Deletes every key starting with {@code prefix} (SCAN, never KEYS); returns how many. */
    public static long deleteByPrefix(StatefulRedisConnection<String, ?> connection, String prefix) {
        ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(500);
        long removed = 0;
        var cursor = connection.sync().scan(match);
        while (true) {
            if (!cursor.getKeys().isEmpty()) {
                removed += connection.sync().del(cursor.getKeys().toArray(String[]::new));
            }
            if (cursor.isFinished()) {
                return removed;
            }
            cursor = connection.sync().scan(cursor, match);
        }
    }
}
