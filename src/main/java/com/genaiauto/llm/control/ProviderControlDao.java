package com.genaiauto.llm.control;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The stored operator switches of the router's providers. */
public interface ProviderControlDao {

    @SqlQuery("SELECT provider, enabled, circuit = 'forced_open' AS forced_open FROM llm_provider_controls")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(ProviderControl.class)
    List<ProviderControl> all();

    @SqlQuery("SELECT provider, enabled, circuit = 'forced_open' AS forced_open FROM llm_provider_controls "
            + "WHERE provider = :provider")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(ProviderControl.class)
    java.util.Optional<ProviderControl> find(@org.jdbi.v3.sqlobject.customizer.Bind("provider") String provider);

    @SqlUpdate("""
            INSERT INTO llm_provider_controls (provider, enabled, circuit) VALUES (:provider, :enabled, :circuit)
            ON CONFLICT (provider) DO UPDATE SET enabled = EXCLUDED.enabled, circuit = EXCLUDED.circuit, updated_at = now()""")
    void put(@BindMethods ProviderControl control);
}
