package com.genaiauto.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The name of a SQL statement's span")
class SqlStatementNameTest {

    @Nested
    @DisplayName("names the operation and its main table")
    class OperationAndTable {

        @Test
        void shouldNameASelectByTheTableItReadsFrom() {
            assertThat(SqlStatementName.of("SELECT id, content FROM messages WHERE conversation_id = ?").spanName())
                    .isEqualTo("SELECT messages");
        }

        @Test
        void shouldNameAnInsertByItsTable() {
            assertThat(SqlStatementName.of("INSERT INTO messages (id, content) VALUES (?, ?)").spanName())
                    .isEqualTo("INSERT messages");
        }

        @Test
        void shouldNameAnUpdateAndADeleteByTheirTables() {
            assertThat(SqlStatementName.of("update conversations set title = ? where id = ?").spanName())
                    .isEqualTo("UPDATE conversations");
            assertThat(SqlStatementName.of("DELETE FROM refresh_tokens WHERE expires_at < now()").spanName())
                    .isEqualTo("DELETE refresh_tokens");
        }

        @Test
        void shouldSkipTheCommentDropwizardPutsBeforeADaoStatement() {
            assertThat(SqlStatementName.of("/* MessageDao.insertUser */ INSERT INTO messages (id) VALUES (?)").spanName())
                    .isEqualTo("INSERT messages");
            assertThat(SqlStatementName.of("-- a note\nSELECT 1 FROM users").spanName()).isEqualTo("SELECT users");
        }

        @Test
        void shouldNameACommonTableExpressionByTheStatementItFeeds() {
            assertThat(SqlStatementName.of("""
                    WITH recent AS (SELECT id FROM messages WHERE created_at > now() - interval '1 day')
                    DELETE FROM conversations WHERE id IN (SELECT id FROM recent)""").spanName())
                    .isEqualTo("DELETE conversations");
        }

        @Test
        void shouldNotTakeTheNameOfACommonTableExpressionForATable() {
            assertThat(SqlStatementName.of("""
                    WITH dense AS (SELECT id FROM document_chunks), fused AS MATERIALIZED (SELECT id FROM dense)
                    SELECT id FROM fused ORDER BY id""").spanName()).isEqualTo("SELECT");
        }

        @Test
        void shouldKeepSchemaQualifiedNamesAndDropTheirQuotes() {
            assertThat(SqlStatementName.of("SELECT * FROM public.\"documents\"").table()).isEqualTo("public.documents");
        }
    }

    @Nested
    @DisplayName("reads only the statement's own words")
    class TopLevelOnly {

        @Test
        void shouldNotTakeAFromInsideAFunctionCallForTheTable() {
            assertThat(SqlStatementName.of("SELECT extract(epoch FROM created_at) FROM llm_usage").table())
                    .isEqualTo("llm_usage");
        }

        @Test
        void shouldLeaveTheTableOutWhenTheStatementReadsFromASubquery() {
            assertThat(SqlStatementName.of("SELECT count(*) FROM (SELECT 1 FROM messages) m").spanName())
                    .isEqualTo("SELECT");
        }

        @Test
        void shouldNeverTakeALiteralForAName() {
            SqlStatementName name = SqlStatementName.of("SELECT 'FROM secrets' AS x FROM audit_log WHERE note = 'it''s'");
            assertThat(name.spanName()).isEqualTo("SELECT audit_log");
        }

        @Test
        void shouldNameOtherStatementsByTheirKeywordAlone() {
            assertThat(SqlStatementName.of("SET LOCAL hnsw.ef_search = 100").spanName()).isEqualTo("SET");
            assertThat(SqlStatementName.of("select pg_advisory_xact_lock(hashtext('x'))").spanName()).isEqualTo("SELECT");
        }

        @Test
        void shouldNameAnEmptyStatementSql() {
            assertThat(SqlStatementName.of("  ").spanName()).isEqualTo("SQL");
            assertThat(SqlStatementName.of(null).spanName()).isEqualTo("SQL");
        }
    }
}
