package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Fixtures.assertError;
import static io.kubelix.kinds.builtin.impl.Fixtures.assertNoErrors;
import static io.kubelix.kinds.builtin.impl.Fixtures.at;
import static io.kubelix.kinds.builtin.impl.Fixtures.create;
import static io.kubelix.kinds.builtin.impl.Fixtures.json;
import static io.kubelix.kinds.builtin.impl.Fixtures.string;
import static io.kubelix.kinds.builtin.impl.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageStrategiesTest {
    private final StorageStrategies.PersistentVolumes volumes = new StorageStrategies.PersistentVolumes();
    private final StorageStrategies.PersistentVolumeClaims claims = new StorageStrategies.PersistentVolumeClaims();
    private final StorageStrategies.StorageClasses classes = new StorageStrategies.StorageClasses();
    private final StorageStrategies.CsiDrivers drivers = new StorageStrategies.CsiDrivers();
    private final StorageStrategies.VolumeAttachments attachments = new StorageStrategies.VolumeAttachments();

    private static JsonObject pv(String spec) {
        return json("{'metadata':{'name':'pv1'},'spec':" + spec + "}");
    }

    private static JsonObject pvc(String spec) {
        return json("{'metadata':{'name':'data','namespace':'default'},'spec':" + spec + "}");
    }

    @Test
    void persistentVolumeDefaults() {
        JsonObject pv = pv("{'capacity':{'storage':'10Gi'},'accessModes':['ReadWriteOnce'],'hostPath':{'path':'/srv'}}");
        assertNoErrors(create(volumes, pv));
        assertEquals("Retain", string(pv, "spec.persistentVolumeReclaimPolicy"));
        assertEquals("Filesystem", string(pv, "spec.volumeMode"));
        assertEquals("Pending", string(pv, "status.phase"));
    }

    @Test
    void persistentVolumesNeedCapacityAccessModesAndOneSource() {
        List<FieldError> errors = create(volumes, pv("{}"));
        assertError(errors, "spec.capacity", "Required value");
        assertError(errors, "spec.accessModes", "Required value");
        assertError(errors, "spec", "must specify a volume type");
        errors = create(volumes, pv("{'capacity':{'storage':'1Gi','cpu':'1'},'accessModes':['ReadWriteSometimes'],"
                + "'hostPath':{'path':'/a'},'nfs':{'server':'s','path':'/b'}}"));
        assertError(errors, "spec.capacity", "Unsupported value: \"cpu\": supported values: \"storage\"");
        assertError(errors, "spec.accessModes", "Unsupported value: \"ReadWriteSometimes\"");
        assertError(errors, "spec.nfs", "may not specify more than 1 volume type");
        assertError(create(volumes, pv("{'capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOncePod','ReadWriteOnce'],"
                + "'local':{'path':'/mnt'}}")), "spec.nodeAffinity", "Local volume requires node affinity");
    }

    @Test
    void aVolumeSourceCannotChange() {
        JsonObject old = pv("{'capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOnce'],'hostPath':{'path':'/a'}}");
        assertNoErrors(update(volumes,
                pv("{'capacity':{'storage':'2Gi'},'accessModes':['ReadWriteOnce'],'hostPath':{'path':'/a'}}"), old));
        assertError(update(volumes,
                pv("{'capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOnce'],'hostPath':{'path':'/b'}}"), old),
                "spec.persistentvolumesource", "Forbidden");
    }

    @Test
    void claimDefaultsAndRules() {
        JsonObject claim = pvc("{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'5Gi'}}}");
        assertNoErrors(create(claims, claim));
        assertEquals("Filesystem", string(claim, "spec.volumeMode"));
        assertEquals("Pending", string(claim, "status.phase"));
        List<FieldError> errors = create(claims, pvc("{'resources':{'requests':{}},'volumeMode':'Raw'}"));
        assertError(errors, "spec.accessModes", "Required value");
        assertError(errors, "spec.resources[storage]", "Required value");
        assertError(errors, "spec.volumeMode", "Unsupported value: \"Raw\": supported values: \"Block\", \"Filesystem\"");
        assertError(create(claims, pvc("{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'0'}}}")),
                "spec.resources.requests[storage]", "must be greater than zero");
    }

    @Test
    void claimsAreImmutableExceptTheirRequestAndBinding() {
        JsonObject old = pvc("{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'5Gi'}}}");
        assertNoErrors(update(claims, pvc("{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'8Gi'}}}"), old));
        assertNoErrors(update(claims,
                pvc("{'accessModes':['ReadWriteOnce'],'volumeName':'pv1','resources':{'requests':{'storage':'5Gi'}}}"), old));
        assertError(update(claims, pvc("{'accessModes':['ReadWriteMany'],'resources':{'requests':{'storage':'5Gi'}}}"), old),
                "spec", "spec is immutable after creation except resources.requests");
        JsonObject bound = pvc("{'accessModes':['ReadWriteOnce'],'volumeName':'pv1','resources':{'requests':{'storage':'5Gi'}}}");
        bound.add("status", json("{'phase':'Bound'}"));
        assertError(update(claims, pvc("{'accessModes':['ReadWriteOnce'],'volumeName':'pv1',"
                + "'resources':{'requests':{'storage':'4Gi'}}}"), bound), "spec.resources.requests.storage",
                "can not be less than previous value");
        assertError(update(claims, pvc("{'accessModes':['ReadWriteOnce'],'volumeName':'pv2',"
                + "'resources':{'requests':{'storage':'5Gi'}}}"), bound), "spec", "Forbidden");
    }

    @Test
    void storageClassRules() {
        JsonObject sc = json("{'metadata':{'name':'fast'},'provisioner':'kubernetes.io/no-provisioner'}");
        assertNoErrors(create(classes, sc));
        assertEquals("Delete", string(sc, "reclaimPolicy"));
        assertEquals("Immediate", string(sc, "volumeBindingMode"));
        assertError(create(classes, json("{'metadata':{'name':'x'}}")), "provisioner", "Required value");
        assertError(create(classes, json("{'metadata':{'name':'x'},'provisioner':'a/b/c'}")), "provisioner", "Invalid value");

        JsonObject old = json("{'metadata':{'name':'fast'},'provisioner':'ebs.csi.aws.com','parameters':{'type':'gp3'}}");
        assertNoErrors(update(classes, json("{'metadata':{'name':'fast','labels':{'a':'b'}},"
                + "'provisioner':'ebs.csi.aws.com','parameters':{'type':'gp3'},'allowVolumeExpansion':true}"), old));
        List<FieldError> errors = update(classes, json("{'metadata':{'name':'fast'},'provisioner':'ebs.csi.aws.com',"
                + "'parameters':{'type':'io2'},'reclaimPolicy':'Retain','volumeBindingMode':'WaitForFirstConsumer'}"), old);
        assertError(errors, "parameters", "Forbidden: updates to parameters are forbidden.");
        assertError(errors, "reclaimPolicy", "Forbidden: updates to reclaimPolicy are forbidden.");
        assertError(errors, "volumeBindingMode", "field is immutable");
    }

    @Test
    void csiDriverDefaultsAndImmutability() {
        JsonObject driver = json("{'metadata':{'name':'ebs.csi.aws.com'},'spec':{}}");
        assertNoErrors(create(drivers, driver));
        assertEquals(true, at(driver, "spec.attachRequired").getAsBoolean());
        assertEquals("Persistent", at(driver, "spec.volumeLifecycleModes").getAsJsonArray().get(0).getAsString());
        JsonObject changed = json("{'metadata':{'name':'ebs.csi.aws.com'},'spec':{'attachRequired':false}}");
        assertError(update(drivers, changed, driver.deepCopy()), "spec.attachRequired", "field is immutable");
    }

    @Test
    void volumeAttachmentsNeedAttacherNodeAndOneSource() {
        List<FieldError> errors = create(attachments, json("{'metadata':{'name':'va'},'spec':{'source':{}}}"));
        assertError(errors, "spec.attacher", "Required value");
        assertError(errors, "spec.nodeName", "Required value");
        assertError(errors, "spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName");
        JsonObject ok = json("{'metadata':{'name':'va'},'spec':{'attacher':'csi.example.com','nodeName':'node-1',"
                + "'source':{'persistentVolumeName':'pv1'}}}");
        assertNoErrors(create(attachments, ok));
        JsonObject moved = ok.deepCopy();
        moved.getAsJsonObject("spec").addProperty("nodeName", "node-2");
        assertError(update(attachments, moved, ok), "spec", "field is immutable");
    }
}
