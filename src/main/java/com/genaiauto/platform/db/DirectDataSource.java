package com.genaiauto.platform.db;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An unpooled data source for schema work and one-off commands: one connection at a time and no
 * socket timeout, so a long migration (an index rebuild, say) is not cut off half-way.
 */
public final class DirectDataSource {

    private DirectDataSource() {
    }

    public static DataSource from(DatabaseConfig config, String applicationName) {
        config.normalised();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(config.getUrl());
        dataSource.setUser(config.getUser());
        dataSource.setPassword(config.getPassword());
        dataSource.setConnectTimeout(10);
        dataSource.setSocketTimeout(0);
        dataSource.setApplicationName(applicationName);
        return dataSource;
    }
}
