package com.genaiauto.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DATABASE_URL in JDBC or URL form")
class DatabaseUrlTest {

    @Test
    void shouldKeepAJdbcUrlAsItIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/genai_auto?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/genai_auto?sslmode=require");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
    }

    @Test
    void shouldConvertTheGuidesAsyncpgUrlAndTakeItsCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql+asyncpg://genai:s3cr%40t@postgres:5432/genai_auto");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/genai_auto");
        assertThat(url.user()).hasValue("genai");
        assertThat(url.password()).hasValue("s3cr@t");
    }

    @Test
    void shouldAcceptPostgresSchemeWithoutPortOrPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app@db.internal/cars?sslmode=verify-full");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal/cars?sslmode=verify-full");
        assertThat(url.user()).hasValue("app");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void shouldKeepAPlusSignInAPassword() {
        assertThat(DatabaseUrl.parse("postgresql://u:a+b@h/d").password()).hasValue("a+b");
    }

    @Test
    void shouldAcceptComposeStyleHostNamesWithUnderscores() {
        assertThat(DatabaseUrl.parse("postgresql://u:p@genai_postgres:5432/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://genai_postgres:5432/db");
    }

    @Test
    void shouldKeepPasswordsWithSlashesAndPercentSigns() {
        assertThat(DatabaseUrl.parse("postgresql://u:a%2Fb@h/d").password()).hasValue("a/b");
        assertThat(DatabaseUrl.parse("postgresql://u:50%off@h/d").password()).hasValue("50%off");
    }

    @Test
    void shouldNotQuoteTheUrlInErrors() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:hunter2@bad host/d"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldNeverPrintThePassword() {
        assertThat(DatabaseUrl.parse("postgresql://u:topsecret@h/d").toString()).doesNotContain("topsecret");
    }

    @Test
    void shouldRejectOtherDatabases() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@h/d")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> DatabaseUrl.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DatabaseUrl.parse("localhost:5432")).isInstanceOf(IllegalArgumentException.class);
    }
}
