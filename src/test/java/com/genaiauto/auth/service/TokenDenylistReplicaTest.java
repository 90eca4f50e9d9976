package com.genaiauto.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Whether a revocation must wait for a replica")
class TokenDenylistReplicaTest {

    @Test
    void shouldWaitForAReplicaStillTakingItsFirstCopy() {
        // INFO replication of a primary whose replica is still receiving its first copy (ROLE lists none).
        String syncing = "# Replication\r\nrole:master\r\nconnected_slaves:1\r\n"
                + "slave0:ip=127.0.0.1,port=6380,state=wait_bgsave,offset=0,lag=0\r\nmaster_repl_offset:120\r\n";
        assertThat(TokenDenylist.hasNoReplica(syncing)).isFalse();
    }

    @Test
    void shouldNotWaitOnAPrimaryWithoutReplicas() {
        assertThat(TokenDenylist.hasNoReplica("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n")).isTrue();
        assertThat(TokenDenylist.hasNoReplica("# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\n")).isFalse();
    }
}
