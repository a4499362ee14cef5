package io.kubelix.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ControllerTest {
    private static final WorkQueue.RateLimit FAST = new WorkQueue.RateLimit(Duration.ofMillis(5), Duration.ofMillis(50), 0, 0);

    @Test
    void aFailingKeyIsRetriedWithBackOffAndForgottenOnceItSucceeds() throws Exception {
        WorkQueue<String> queue = new WorkQueue<>(FAST);
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        CountDownLatch succeeded = new CountDownLatch(1);
        try (Controller controller = Controller.start("test", queue, 2, key -> {
            int n = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (n < 3) {
                throw n == 1 ? new ApiException(409, "Conflict", "expected in this test")
                        : new IllegalStateException("expected in this test");
            }
            succeeded.countDown();
        })) {
            queue.add("ns/a");
            assertTrue(succeeded.await(5, TimeUnit.SECONDS));
            Thread.sleep(50);
            assertEquals(3, attempts.get("ns/a").get());
            assertEquals(0, queue.numRequeues("ns/a"), "success forgets the failures");
            assertEquals(queue, controller.queue());
        }
    }

    @Test
    void closeStopsTheWorkersWithoutReconcilingWhatIsLeft() throws Exception {
        WorkQueue<String> queue = new WorkQueue<>(FAST);
        CountDownLatch inReconcile = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> reconciled = new CopyOnWriteArrayList<>();
        Controller controller = Controller.start("test", queue, 1, key -> {
            reconciled.add(key);
            inReconcile.countDown();
            release.await();
        });
        queue.add("first");
        assertTrue(inReconcile.await(5, TimeUnit.SECONDS));
        queue.add("second");
        queue.add("third");
        Thread closer = new Thread(controller::close);
        closer.start();
        Thread.sleep(50);
        assertTrue(closer.isAlive(), "close waits for the reconcile in progress");
        release.countDown();
        closer.join(5000);
        assertFalse(closer.isAlive());
        assertEquals(List.of("first"), reconciled);
        assertTrue(queue.isShuttingDown());
    }

    @Test
    void enqueueingHandlersQueueObjectKeysAndControllingOwners() throws Exception {
        WorkQueue<String> queue = new WorkQueue<>();
        ResourceEventHandler objects = Controller.enqueueing(queue);
        JsonObject pod = Json.parseObject("{\"metadata\":{\"name\":\"web-1\",\"namespace\":\"team-a\",\"ownerReferences\":["
                + "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web\",\"controller\":true},"
                + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"not-a-controller\"},"
                + "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"merely-owning\"}]}}");
        objects.onAdd(pod);
        assertEquals("team-a/web-1", queue.take());
        ResourceEventHandler owners = Controller.enqueueingOwner(queue, "ReplicaSet");
        owners.onDelete(pod, true);
        assertEquals("team-a/web", queue.take());
        assertEquals(0, queue.len(), "only the controlling owner of that kind");
        JsonObject orphan = Json.parseObject("{\"metadata\":{\"name\":\"x\",\"namespace\":\"team-a\"}}");
        owners.onUpdate(orphan, orphan);
        assertEquals(0, queue.len());
    }

    @Test
    void aControllerNeedsAWorker() {
        assertThrows(IllegalArgumentException.class, () -> Controller.start("x", new WorkQueue<>(), 0, key -> { }));
    }
}
