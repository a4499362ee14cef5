package io.kubelix.apiserver.impl;

import static io.kubelix.apiserver.impl.Tables.assertCell;
import static io.kubelix.apiserver.impl.Tables.headers;
import static io.kubelix.apiserver.impl.Tables.wideHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageTableTest {
    @Test
    void persistentVolumesShowCapacityAbbreviatedModesAndTheirClaim() {
        JsonObject table = Tables.print("", "v1", "persistentvolumes", """
                {"metadata": {"name": "pv-1"}, "spec": {"capacity": {"storage": "10Gi"},
                   "accessModes": ["ReadWriteMany", "ReadWriteOncePod", "ReadWriteOnce"],
                   "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "fast", "volumeMode": "Filesystem",
                   "claimRef": {"namespace": "shop", "name": "data"}},
                 "status": {"phase": "Bound"}}""");
        assertEquals(List.of("Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass",
                "VolumeAttributesClass", "Reason", "Age", "VolumeMode"), headers(table));
        assertEquals(List.of("VolumeMode"), wideHeaders(table));
        assertCell("10Gi", table, "Capacity");
        assertCell("RWO,RWX,RWOP", table, "Access Modes");
        assertCell("Retain", table, "Reclaim Policy");
        assertCell("Bound", table, "Status");
        assertCell("shop/data", table, "Claim");
        assertCell("fast", table, "StorageClass");
        assertCell("<unset>", table, "VolumeAttributesClass");
        assertCell("", table, "Reason");
        assertCell("Filesystem", table, "VolumeMode");

        JsonObject released = Tables.print("", "v1", "persistentvolumes", """
                {"metadata": {"name": "pv-2", "deletionTimestamp": "2026-01-01T00:00:00Z",
                   "annotations": {"volume.beta.kubernetes.io/storage-class": "legacy"}},
                 "spec": {"storageClassName": "fast"}, "status": {"phase": "Released"}}""");
        assertCell("Terminating", released, "Status");
        assertCell("legacy", released, "StorageClass");
        assertCell("", released, "Claim");
        assertCell("0", released, "Capacity");
        assertCell("<unset>", released, "VolumeMode");
    }

    @Test
    void claimsShowTheirVolumeOnlyOnceBound() {
        JsonObject bound = Tables.print("", "v1", "persistentvolumeclaims", """
                {"metadata": {"name": "data"}, "spec": {"volumeName": "pv-1", "storageClassName": "fast",
                   "resources": {"requests": {"storage": "5Gi"}}, "volumeMode": "Block"},
                 "status": {"phase": "Bound", "capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteOnce"]}}""");
        assertEquals(List.of("Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass",
                "VolumeAttributesClass", "Age", "VolumeMode"), headers(bound));
        assertEquals(List.of("VolumeMode"), wideHeaders(bound));
        assertCell("Bound", bound, "Status");
        assertCell("pv-1", bound, "Volume");
        assertCell("10Gi", bound, "Capacity");
        assertCell("RWO", bound, "Access Modes");
        assertCell("fast", bound, "StorageClass");
        assertCell("Block", bound, "VolumeMode");

        JsonObject pending = Tables.print("", "v1", "persistentvolumeclaims", """
                {"metadata": {"name": "data"}, "spec": {"resources": {"requests": {"storage": "5Gi"}}},
                 "status": {"phase": "Pending"}}""");
        assertCell("Pending", pending, "Status");
        assertCell("", pending, "Volume");
        assertCell("", pending, "Capacity");
        assertCell("", pending, "Access Modes");
    }

    @Test
    void theDefaultStorageClassIsMarkedAndDefaultsAreShown() {
        JsonObject table = Tables.print("storage.k8s.io", "v1", "storageclasses", """
                {"metadata": {"name": "standard", "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
                 "provisioner": "rancher.io/local-path"}""");
        assertEquals(List.of("Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode", "AllowVolumeExpansion", "Age"),
                headers(table));
        assertCell("standard (default)", table, "Name");
        assertCell("rancher.io/local-path", table, "Provisioner");
        assertCell("Delete", table, "ReclaimPolicy");
        assertCell("Immediate", table, "VolumeBindingMode");
        assertCell(false, table, "AllowVolumeExpansion");

        JsonObject other = Tables.print("storage.k8s.io", "v1", "storageclasses", """
                {"metadata": {"name": "fast", "annotations": {"storageclass.kubernetes.io/is-default-class": "false"}},
                 "provisioner": "csi.example.com", "reclaimPolicy": "Retain", "volumeBindingMode": "WaitForFirstConsumer",
                 "allowVolumeExpansion": true}""");
        assertCell("fast", other, "Name");
        assertCell("WaitForFirstConsumer", other, "VolumeBindingMode");
        assertCell(true, other, "AllowVolumeExpansion");
    }

    @Test
    void csiDriversNodesAndVolumeAttachments() {
        JsonObject driver = Tables.print("storage.k8s.io", "v1", "csidrivers", """
                {"metadata": {"name": "csi.example.com"}, "spec": {"podInfoOnMount": true,
                   "volumeLifecycleModes": ["Persistent", "Ephemeral"], "tokenRequests": [{"audience": "vault"}]}}""");
        assertEquals(List.of("Name", "AttachRequired", "PodInfoOnMount", "StorageCapacity", "TokenRequests",
                "RequiresRepublish", "Modes", "Age"), headers(driver));
        assertCell(true, driver, "AttachRequired");
        assertCell(true, driver, "PodInfoOnMount");
        assertCell(false, driver, "StorageCapacity");
        assertCell("vault", driver, "TokenRequests");
        assertCell("Persistent,Ephemeral", driver, "Modes");

        JsonObject node = Tables.print("storage.k8s.io", "v1", "csinodes", """
                {"metadata": {"name": "node-1"}, "spec": {"drivers": [{"name": "a", "nodeID": "n1"}, {"name": "b", "nodeID": "n1"}]}}""");
        assertEquals(List.of("Name", "Drivers", "Age"), headers(node));
        assertCell(2, node, "Drivers");

        JsonObject attachment = Tables.print("storage.k8s.io", "v1", "volumeattachments", """
                {"metadata": {"name": "csi-123"}, "spec": {"attacher": "csi.example.com", "nodeName": "node-1",
                   "source": {"persistentVolumeName": "pv-1"}}, "status": {"attached": true}}""");
        assertEquals(List.of("Name", "Attacher", "PV", "Node", "Attached", "Age"), headers(attachment));
        assertCell("csi.example.com", attachment, "Attacher");
        assertCell("pv-1", attachment, "PV");
        assertCell("node-1", attachment, "Node");
        assertCell(true, attachment, "Attached");
    }
}
