package io.kubelix.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker threads that take keys from a {@link WorkQueue} and hand them to a {@link Reconciler},
 * re-queuing with back-off when it throws. A controller is typically:
 * <pre>{@code
 * WorkQueue<String> queue = new WorkQueue<>();
 * SharedInformer replicaSets = informers.informer(replicaSetType);
 * replicaSets.addHandler(Controller.enqueueing(queue));
 * informers.informer(podType).addHandler(Controller.enqueueingOwner(queue, "ReplicaSet"));
 * replicaSets.awaitSynced(Duration.ofMinutes(1));
 * Controller controller = Controller.start("replicaset", queue, 2, key -> reconcile(key));
 * ...
 * controller.close();
 * }</pre>
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final WorkQueue<String> queue;
    private final Reconciler reconciler;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;

    private Controller(String name, WorkQueue<String> queue, Reconciler reconciler) {
        this.name = name;
        this.queue = queue;
        this.reconciler = reconciler;
    }

    /**
     * Starts {@code workers} threads reconciling keys from {@code queue}.
     *
     * @param name used in thread names and log messages
     */
    public static Controller start(String name, WorkQueue<String> queue, int workers, Reconciler reconciler) {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(queue, "queue");
        java.util.Objects.requireNonNull(reconciler, "reconciler");
        if (workers < 1) {
            throw new IllegalArgumentException("a controller needs at least one worker, got " + workers);
        }
        Controller controller = new Controller(name, queue, reconciler);
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(controller::work, "kubelix-controller-" + name + "-" + i);
            t.setDaemon(true);
            controller.workers.add(t);
        }
        controller.workers.forEach(Thread::start);
        return controller;
    }

    public WorkQueue<String> queue() {
        return queue;
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                if (stopping) {
                    return;
                }
                reconciler.reconcile(key);
                queue.forget(key);
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
                queue.addRateLimited(key);
            } catch (ApiException e) {
                LOG.info("{}: reconciling {} failed ({} {}): {}; retry {}", name, key, e.code(), e.reason(),
                        e.getMessage(), queue.numRequeues(key) + 1);
                queue.addRateLimited(key);
            } catch (Exception e) {
                LOG.warn("{}: reconciling {} failed; retry {}", name, key, queue.numRequeues(key) + 1, e);
                queue.addRateLimited(key);
            } finally {
                queue.done(key);
            }
        }
    }

    /**
     * Stops taking keys and shuts the queue down; waits up to 30 s for reconciles in progress to
     * finish (their threads are interrupted if they take longer).
     */
    @Override
    public void close() {
        stopping = true;
        queue.shutDown();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warn("{}: worker {} is still reconciling after {} s; interrupting it", name, t.getName(),
                        STOP_WAIT.toSeconds());
                t.interrupt();
            }
        }
    }

    /** A handler that queues the key of every added, updated or deleted object. */
    public static ResourceEventHandler enqueueing(WorkQueue<String> queue) {
        java.util.Objects.requireNonNull(queue, "queue");
        return new ResourceEventHandler() {
            @Override
            public void onAdd(JsonObject object) {
                queue.add(ObjectKeys.key(object));
            }

            @Override
            public void onUpdate(JsonObject oldObject, JsonObject newObject) {
                queue.add(ObjectKeys.key(newObject));
            }

            @Override
            public void onDelete(JsonObject object, boolean finalStateUnknown) {
                queue.add(ObjectKeys.key(object));
            }
        };
    }

    /**
     * A handler that queues the key of the object's controlling owner (the ownerReference with
     * {@code controller: true}) when that owner is of {@code ownerKind}; for example pods queue
     * their ReplicaSet. Owners are in the object's namespace (or cluster-scoped for a cluster-scoped
     * object). On an update that changed the owner, both owners are queued.
     */
    public static ResourceEventHandler enqueueingOwner(WorkQueue<String> queue, String ownerKind) {
        java.util.Objects.requireNonNull(queue, "queue");
        java.util.Objects.requireNonNull(ownerKind, "ownerKind");
        return new ResourceEventHandler() {
            @Override
            public void onAdd(JsonObject object) {
                enqueueOwner(object);
            }

            @Override
            public void onUpdate(JsonObject oldObject, JsonObject newObject) {
                enqueueOwner(oldObject);
                enqueueOwner(newObject);
            }

            @Override
            public void onDelete(JsonObject object, boolean finalStateUnknown) {
                enqueueOwner(object);
            }

            private void enqueueOwner(JsonObject object) {
                JsonObject metadata = Objects.metadata(object);
                JsonElement owners = metadata == null ? null : metadata.get("ownerReferences");
                if (owners == null || !owners.isJsonArray()) {
                    return;
                }
                for (JsonElement e : owners.getAsJsonArray()) {
                    if (!e.isJsonObject()) {
                        continue;
                    }
                    JsonObject owner = e.getAsJsonObject();
                    JsonElement controller = owner.get("controller");
                    boolean isController = controller != null && controller.isJsonPrimitive()
                            && controller.getAsJsonPrimitive().isBoolean() && controller.getAsBoolean();
                    String ownerName = Objects.string(owner, "name");
                    if (isController && ownerKind.equals(Objects.string(owner, "kind")) && ownerName != null) {
                        queue.add(ObjectKeys.key(Objects.namespace(object), ownerName));
                    }
                }
            }
        };
    }
}
