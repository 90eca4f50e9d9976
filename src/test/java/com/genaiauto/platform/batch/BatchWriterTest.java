package com.genaiauto.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Background batch writer")
class BatchWriterTest {

    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    private BatchWriter<Integer> writer(Duration interval, int maxBatch, int capacity) {
        return new BatchWriter<>("test-writer", interval, maxBatch, capacity, batch -> batches.add(List.copyOf(batch)));
    }

    @Test
    void shouldHandEveryItemInOrderInBatchesNoLargerThanTheMaximum() throws Exception {
        BatchWriter<Integer> writer = writer(Duration.ofMillis(5), 4, 100);
        writer.start();
        for (int i = 0; i < 10; i++) {
            assertThat(writer.offer(i)).isTrue();
        }
        writer.flush();
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(4));
        writer.stop();
    }

    @Test
    void shouldWriteOnItsOwnWithoutAFlush() throws Exception {
        BatchWriter<Integer> writer = writer(Duration.ofMillis(5), 100, 100);
        writer.start();
        writer.offer(7);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (batches.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(batches).containsExactly(List.of(7));
        writer.stop();
    }

    @Test
    void shouldWakeForAFlushInsteadOfWaitingOutTheInterval() throws Exception {
        BatchWriter<Integer> writer = writer(Duration.ofMinutes(10), 100, 100);
        writer.start();
        writer.offer(1);
        long started = System.nanoTime();
        writer.flush();
        assertThat(batches).containsExactly(List.of(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        writer.stop();
    }

    @Test
    void shouldRefuseItemsBeyondItsCapacityAndDropQueuedOnesOnRequest() throws Exception {
        BatchWriter<Integer> writer = writer(Duration.ofMinutes(10), 100, 2);
        assertThat(writer.offer(1)).isTrue();
        assertThat(writer.offer(2)).isTrue();
        assertThat(writer.offer(3)).isFalse();
        assertThat(writer.discardQueued()).isEqualTo(2);
        writer.start();
        writer.offer(4);
        writer.stop();
        assertThat(batches).containsExactly(List.of(4));
    }
}
