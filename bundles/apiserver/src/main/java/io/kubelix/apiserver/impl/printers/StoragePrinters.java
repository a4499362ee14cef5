package io.kubelix.apiserver.impl.printers;

import static io.kubelix.apiserver.impl.printers.Cells.str;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Persistent volumes and claims, storage classes, CSI drivers and nodes, volume attachments. */
final class StoragePrinters {
    private static final String LEGACY_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";
    private static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    private static final String LEGACY_DEFAULT_CLASS_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";

    private StoragePrinters() {
    }

    private static Column volumeAttributesClass() {
        return Column.text("VolumeAttributesClass", "The volume attributes class.",
                o -> Cells.strOr(o, "spec.volumeAttributesClassName", Cells.UNSET));
    }

    private static Column volumeMode() {
        return Column.text("VolumeMode", "Filesystem or Block.",
                o -> Cells.strOr(o, "spec.volumeMode", Cells.UNSET)).wide();
    }

    /** Deleted volumes and claims show Terminating until their finalizers let go. */
    private static String phase(JsonObject o) {
        return Cells.present(o, "metadata.deletionTimestamp") ? "Terminating" : Cells.orEmpty(str(o, "status.phase"));
    }

    /** The class in the legacy beta annotation wins over spec.storageClassName. */
    private static String storageClass(JsonObject o) {
        String legacy = Objects.annotations(o).get(LEGACY_CLASS_ANNOTATION);
        return legacy != null ? legacy : Cells.orEmpty(str(o, "spec.storageClassName"));
    }

    private static String storage(JsonObject o, String path) {
        String quantity = Cells.scalar(o, path);
        return quantity == null ? "0" : quantity;
    }

    static KindTable persistentVolumes() {
        return KindTable.of(Column.NAME,
                Column.text("Capacity", "The volume's storage capacity.", o -> storage(o, "spec.capacity.storage")),
                Column.text("Access Modes", "How the volume can be mounted: RWO, ROX, RWX, RWOP.",
                        o -> Cells.accessModes(o, "spec.accessModes")),
                Column.text("Reclaim Policy", "What happens to the volume when its claim goes.",
                        o -> Cells.orEmpty(str(o, "spec.persistentVolumeReclaimPolicy"))),
                Column.text("Status", "Available, Bound, Released or Failed.", StoragePrinters::phase),
                Column.text("Claim", "The claim bound to the volume, as namespace/name.", o ->
                        Cells.object(o, "spec.claimRef") == null ? ""
                                : Cells.orEmpty(str(o, "spec.claimRef.namespace")) + "/"
                                        + Cells.orEmpty(str(o, "spec.claimRef.name"))),
                Column.text("StorageClass", "The volume's storage class.", StoragePrinters::storageClass),
                volumeAttributesClass(),
                Column.text("Reason", "Why the volume is in its phase.", o -> Cells.orEmpty(str(o, "status.reason"))),
                Column.AGE,
                volumeMode());
    }

    static KindTable persistentVolumeClaims() {
        return KindTable.of(Column.NAME,
                Column.text("Status", "Pending, Bound or Lost.", StoragePrinters::phase),
                Column.text("Volume", "The volume bound to the claim.", o -> Cells.orEmpty(str(o, "spec.volumeName"))),
                Column.text("Capacity", "The bound volume's capacity.", o -> bound(o) ? storage(o, "status.capacity.storage") : ""),
                Column.text("Access Modes", "How the bound volume can be mounted.",
                        o -> bound(o) ? Cells.accessModes(o, "status.accessModes") : ""),
                Column.text("StorageClass", "The claim's storage class.", StoragePrinters::storageClass),
                volumeAttributesClass(),
                Column.AGE,
                volumeMode());
    }

    private static boolean bound(JsonObject claim) {
        String volume = str(claim, "spec.volumeName");
        return volume != null && !volume.isEmpty();
    }

    static KindTable storageClasses() {
        return KindTable.of(
                new Column("Name", "string", "name", "The class's name, marked (default) for the default class.", 0,
                        StoragePrinters::storageClassName),
                Column.text("Provisioner", "The volume plugin that provisions volumes of this class.",
                        o -> Cells.orEmpty(str(o, "provisioner"))),
                Column.text("ReclaimPolicy", "What happens to provisioned volumes when their claim goes.",
                        o -> Cells.strOr(o, "reclaimPolicy", "Delete")),
                Column.text("VolumeBindingMode", "When volumes are provisioned and bound.",
                        o -> Cells.strOr(o, "volumeBindingMode", "Immediate")),
                Column.text("AllowVolumeExpansion", "Whether claims of this class can grow.",
                        o -> Cells.isTrue(o, "allowVolumeExpansion")),
                Column.AGE);
    }

    /** A StorageClass's NAME cell: the name, with " (default)" when annotated as the default class. */
    static String storageClassName(JsonObject storageClass) {
        Map<String, String> annotations = Objects.annotations(storageClass);
        boolean isDefault = "true".equals(annotations.get(DEFAULT_CLASS_ANNOTATION))
                || "true".equals(annotations.get(LEGACY_DEFAULT_CLASS_ANNOTATION));
        return Cells.name(storageClass) + (isDefault ? " (default)" : "");
    }

    static KindTable csiDrivers() {
        return KindTable.of(Column.NAME,
                Column.bool("AttachRequired", "Whether volumes need an attach step.",
                        o -> !Boolean.FALSE.equals(Cells.bool(o, "spec.attachRequired"))),
                Column.bool("PodInfoOnMount", "Whether the driver gets pod information on mount.",
                        o -> Cells.isTrue(o, "spec.podInfoOnMount")),
                Column.bool("StorageCapacity", "Whether the driver reports storage capacity.",
                        o -> Cells.isTrue(o, "spec.storageCapacity")),
                Column.text("TokenRequests", "Audiences of the service account tokens the driver gets.", o -> {
                    List<String> audiences = new ArrayList<>();
                    Cells.objects(o, "spec.tokenRequests").forEach(t -> audiences.add(Cells.orEmpty(str(t, "audience"))));
                    return audiences.isEmpty() ? Cells.UNSET : String.join(",", audiences);
                }),
                Column.bool("RequiresRepublish", "Whether the driver wants periodic NodePublishVolume calls.",
                        o -> Cells.isTrue(o, "spec.requiresRepublish")),
                Column.text("Modes", "The volume lifecycle modes the driver supports.", o -> {
                    List<String> modes = Cells.strings(o, "spec.volumeLifecycleModes");
                    return modes.isEmpty() ? Cells.NONE : String.join(",", modes);
                }),
                Column.AGE);
    }

    static KindTable csiNodes() {
        return KindTable.of(Column.NAME,
                Column.integer("Drivers", "Number of CSI drivers on the node.", o -> Cells.size(o, "spec.drivers")),
                Column.AGE);
    }

    static KindTable volumeAttachments() {
        return KindTable.of(Column.NAME,
                Column.text("Attacher", "The driver that attaches the volume.", o -> Cells.orEmpty(str(o, "spec.attacher"))),
                Column.text("PV", "The persistent volume attached.",
                        o -> Cells.orEmpty(str(o, "spec.source.persistentVolumeName"))),
                Column.text("Node", "The node the volume is attached to.", o -> Cells.orEmpty(str(o, "spec.nodeName"))),
                Column.bool("Attached", "Whether the volume is attached.", o -> Cells.isTrue(o, "status.attached")),
                Column.AGE);
    }
}
