package com.genaiauto.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Token leases taken from a shared bucket")
class TokenLeaseTest {

    private static final long LIFETIME = TokenLease.LIFETIME_NANOS;

    /** A shared bucket with a fixed number of tokens that records what was asked of it. */
    private static final class SharedBucket implements LongUnaryOperator {
        long tokens;
        final List<Long> asked = new ArrayList<>();

        SharedBucket(long tokens) {
            this.tokens = tokens;
        }

        @Override
        public long applyAsLong(long wanted) {
            asked.add(wanted);
            long granted = Math.min(wanted, tokens);
            tokens -= granted;
            return granted;
        }
    }

    @Nested
    @DisplayName("a busy key")
    class BusyKey {

        @Test
        void shouldAskTheSharedBucketOncePerBatchWithBatchesDoublingUpToTheCap() {
            SharedBucket shared = new SharedBucket(1_000);
            TokenLease lease = new TokenLease(16);
            for (int i = 0; i < 63; i++) {
                assertThat(lease.take(i, shared)).isTrue();
            }
            assertThat(shared.asked).containsExactly(1L, 2L, 4L, 8L, 16L, 16L, 16L);
        }

        @Test
        void shouldNeverHandOutMoreThanTheSharedBucketGranted() {
            SharedBucket shared = new SharedBucket(40);
            TokenLease lease = new TokenLease(8);
            int allowed = 0;
            for (int i = 0; i < 100; i++) {
                if (lease.take(i, shared)) {
                    allowed++;
                }
            }
            assertThat(allowed).isEqualTo(40);
            assertThat(shared.tokens).isZero();
        }
    }

    @Nested
    @DisplayName("a quiet key")
    class QuietKey {

        @Test
        void shouldAskForOneTokenAtATimeWhenEachLeaseEndsUnused() {
            SharedBucket shared = new SharedBucket(1_000);
            TokenLease lease = new TokenLease(16);
            for (int i = 0; i < 5; i++) {
                assertThat(lease.take(i * 2 * LIFETIME, shared)).isTrue();
            }
            assertThat(shared.asked).containsExactly(1L, 1L, 1L, 1L, 1L);
        }

        @Test
        void shouldShrinkTheBatchToWhatTheLastLeaseUsed() {
            SharedBucket shared = new SharedBucket(1_000);
            TokenLease lease = new TokenLease(64);
            long now = 0;
            for (int i = 0; i < 31; i++) {
                lease.take(now++, shared);      // batches 1, 2, 4, 8, 16: all spent at once
            }
            assertThat(lease.batch()).isEqualTo(16);
            lease.take(now, shared);            // spent before it ended: the next batch is 32
            assertThat(lease.batch()).isEqualTo(32);
            for (int i = 0; i < 2; i++) {
                lease.take(now + 1 + i, shared);
            }
            // Three of the 32 used when the lease ends: the next batch is three.
            lease.take(now + 2 * LIFETIME, shared);
            assertThat(lease.batch()).isEqualTo(3);
        }
    }

    @Test
    void shouldRefuseWhileTheSharedBucketIsEmptyAndAskForOneTokenEachTime() {
        SharedBucket shared = new SharedBucket(0);
        TokenLease lease = new TokenLease(16);
        assertThat(lease.take(0, shared)).isFalse();
        assertThat(lease.take(1, shared)).isFalse();
        shared.tokens = 5;
        assertThat(lease.take(2, shared)).isTrue();
        assertThat(shared.asked).containsExactly(1L, 1L, 1L);
    }
}
