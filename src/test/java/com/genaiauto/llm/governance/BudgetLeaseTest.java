package com.genaiauto.llm.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.platform.redis.RedisConfig;
import com.genaiauto.platform.redis.RedisConnector;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The reservation rules of a budget, counted in this process as they are while Redis is out of
 * reach (the shared Lua script applies the same rules): a call takes its estimate while the
 * remainder covers it; below that, one last call may take the rest while nothing else is held.
 */
@DisplayName("Budget leases")
class BudgetLeaseTest {

    // Nothing listens on port 1: every counter runs on the local fallback.
    private final RedisConnector unreachable = new RedisConnector(new RedisConfig().withUrl("redis://127.0.0.1:1"));
    private final SpendCounter counter = new SpendCounter(unreachable);
    private long clock = 1_000;

    @AfterEach
    void stop() {
        unreachable.stop();
    }

    private BudgetLease lease(String key, long limit, long alreadySpent) {
        return new BudgetLease(counter, key, limit, () -> alreadySpent, Duration.ofDays(1));
    }

    @Nested
    @DisplayName("within the budget")
    class Within {

        @Test
        void shouldReserveEachCallsEstimateUntilTheRemainderIsBelowIt() {
            BudgetLease lease = lease("a", 100, 0);
            for (int call = 0; call < 5; call++) {
                assertThat(lease.reserve(20, clock)).isEqualTo(20);
            }
            assertThat(lease.reserve(20, clock)).isEqualTo(SpendCounter.BUSY);
        }

        @Test
        void shouldStartFromWhatTheLedgerAlreadyHolds() {
            BudgetLease lease = lease("b", 100, 100);
            assertThat(lease.reserve(1, clock)).isEqualTo(SpendCounter.SPENT);
        }
    }

    @Nested
    @DisplayName("at the edge")
    class Edge {

        @Test
        void shouldLetOneLastCallTakeTheRemainderOnlyWhenNothingElseIsHeld() {
            BudgetLease lease = lease("c", 100, 90);
            long last = lease.reserve(20, clock);
            assertThat(last).isEqualTo(10);
            // While the last call runs, no other may start.
            assertThat(lease("c", 100, 90).reserve(20, clock + BudgetLease.LIFETIME_NANOS)).isEqualTo(SpendCounter.BUSY);
            // It cost 25: the budget ends 15 over, by that one call, and is spent.
            lease.settle(last, 25);
            lease.flush();
            assertThat(lease.reserve(1, clock + 2 * BudgetLease.LIFETIME_NANOS)).isEqualTo(SpendCounter.SPENT);
        }

        @Test
        void shouldGiveBackWhatAnEndedLeaseStillHolds() {
            BudgetLease first = lease("d", 1_000, 0);
            assertThat(first.reserve(10, clock)).isEqualTo(10);
            first.settle(10, 10);
            // A busy lease grows its batch; what it did not use returns when it ends.
            assertThat(first.reserve(10, clock + 1)).isEqualTo(10);
            assertThat(first.expireIfEnded(clock + BudgetLease.LIFETIME_NANOS + 2)).isTrue();
            BudgetLease other = lease("d", 1_000, 0);
            long taken = 0;
            long now = clock + 3 * BudgetLease.LIFETIME_NANOS;
            while (other.reserve(10, now) == 10) {
                taken += 10;
            }
            // 1,000 less the 10 committed and the 10 still reserved by the call in flight.
            assertThat(taken).isEqualTo(980);
        }
    }
}
