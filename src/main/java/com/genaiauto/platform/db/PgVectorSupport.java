package com.genaiauto.platform.db;

import com.pgvector.PGvector;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/** Binds and reads pgvector {@code vector} values as {@link PGvector} in JDBI. */
public final class PgVectorSupport {

    private PgVectorSupport() {
    }

    public static void install(Jdbi jdbi) {
        jdbi.registerArgument(new VectorArgumentFactory());
        jdbi.registerColumnMapper(PGvector.class, vectorColumnMapper());
    }

    static ColumnMapper<PGvector> vectorColumnMapper() {
        return (resultSet, column, context) -> {
            String text = resultSet.getString(column);
            return text == null ? null : new PGvector(text);
        };
    }

    private static final class VectorArgumentFactory extends AbstractArgumentFactory<PGvector> {
        VectorArgumentFactory() {
            super(Types.OTHER);
        }

        @Override
        protected Argument build(PGvector value, ConfigRegistry config) {
            return (position, statement, context) -> {
                try {
                    statement.setObject(position, value);
                } catch (SQLException e) {
                    throw new SQLException("cannot bind vector of " + value.toArray().length + " dimensions", e);
                }
            };
        }
    }
}
