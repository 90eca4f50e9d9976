package com.genaiauto.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A server's replication state from INFO replication")
class ReplicationTest {

    @Test
    void shouldCountAReplicaStillTakingItsFirstCopy() {
        String syncing = "# Replication\r\nrole:master\r\nconnected_slaves:1\r\n"
                + "slave0:ip=127.0.0.1,port=6380,state=wait_bgsave,offset=0,lag=0\r\n"
                + "master_failover_state:no-failover\r\nmaster_replid:8f1c6c0e2a4b\r\nmaster_repl_offset:120\r\n";
        assertThat(Replication.parse(syncing)).isEqualTo(new Replication(true, 1, "8f1c6c0e2a4b"));
    }

    @Test
    void shouldTellAPrimaryAloneFromAReplica() {
        assertThat(Replication.parse("# Replication\r\nrole:master\r\nconnected_slaves:0\r\nmaster_replid:aa\r\n"))
                .isEqualTo(new Replication(true, 0, "aa"));
        assertThat(Replication.parse("# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_replid:bb\r\n"))
                .isEqualTo(new Replication(false, 0, "bb"));
    }

    @Test
    void shouldReadAnAnswerWithoutAHistoryAsAnEmptyOne() {
        assertThat(Replication.parse("role:master\nconnected_slaves:2\n").history()).isEmpty();
        assertThatThrownBy(() -> new Replication(true, -1, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
