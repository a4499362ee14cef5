package io.kubelix.client.internal;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WatchHandle;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.client.KubeClient;
import io.kubelix.client.ResourceRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The client for code in the same process as the registry: every call goes straight to the
 * {@link ResourceService}, through the same defaulting, validation, admission and watch path as a
 * REST request, without HTTP or JSON encoding.
 */
@Component(service = KubeClient.class, property = "kubelix.client=in-process")
public class InProcessKubeClient implements KubeClient {
    private final ResourceService service;

    @Activate
    public InProcessKubeClient(@Reference ResourceService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return service.resourceTypes();
    }

    @Override
    public Optional<ResourceType> resourceType(String apiVersion, String kindOrPlural) {
        Objects.requireNonNull(kindOrPlural, "kindOrPlural");
        String[] gv = Addressing.groupVersion(apiVersion);
        Optional<ResourceType> byKind = service.findTypeByKind(apiVersion, kindOrPlural);
        if (byKind.isPresent()) {
            return byKind;
        }
        Optional<ResourceType> byPlural = service.findType(gv[0], gv[1], kindOrPlural);
        if (byPlural.isPresent()) {
            return byPlural;
        }
        return service.resourceTypes().stream()
                .filter(t -> t.group().equals(gv[0]) && t.version().equals(gv[1]) && Addressing.names(t, kindOrPlural))
                .findFirst();
    }

    @Override
    public JsonObject get(ResourceRef ref) {
        return service.get(ref.type(), ref.namespace(), ref.name(), null);
    }

    @Override
    public ObjectList list(ResourceType type, String namespace, ListOptions options) {
        return service.list(type, type.namespaced() ? namespace : null, options);
    }

    @Override
    public JsonObject create(ResourceType type, JsonObject object, WriteOptions options) {
        return service.create(type, Addressing.createNamespace(type, object), object, options);
    }

    @Override
    public JsonObject update(ResourceType type, JsonObject object, WriteOptions options) {
        ResourceRef ref = Addressing.target(type, object);
        return service.update(type, ref.namespace(), ref.name(), null, object, options);
    }

    @Override
    public JsonObject updateStatus(ResourceType type, JsonObject object, WriteOptions options) {
        ResourceRef ref = Addressing.target(type, object);
        return service.update(type, ref.namespace(), ref.name(), "status", object, options);
    }

    @Override
    public JsonObject patch(ResourceRef ref, PatchType patchType, String patch, WriteOptions options) {
        return service.patch(ref.type(), ref.namespace(), ref.name(), null, patchType, patch, options);
    }

    @Override
    public JsonObject patchStatus(ResourceRef ref, PatchType patchType, String patch, WriteOptions options) {
        return service.patch(ref.type(), ref.namespace(), ref.name(), "status", patchType, patch, options);
    }

    @Override
    public JsonObject delete(ResourceRef ref, DeleteOptions options) {
        return service.delete(ref.type(), ref.namespace(), ref.name(), options);
    }

    @Override
    public WatchHandle watch(ResourceType type, String namespace, ListOptions options, ObjectWatcher watcher) {
        return service.watch(type, type.namespaced() ? namespace : null, options, watcher);
    }
}
