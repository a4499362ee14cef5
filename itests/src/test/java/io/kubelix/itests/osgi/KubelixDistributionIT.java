package io.kubelix.itests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ResourceDefinitionProvider;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.api.store.KeyValueStore;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots the real Kubelix distribution (the karaf-assembly tar.gz) in its own JVM and checks the
 * OSGi wiring from inside: features, bundle states, services, the in-process and REST paths over
 * one store, and that the API server can be removed and brought back while the store runs on.
 * <p>
 * The distribution gets its own free ports (never the default 6443, so a Kubelix already running
 * on this machine is left alone) and is unpacked under target/pax-exam, where it is kept for
 * post-mortem reading (data/log/karaf.log).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KubelixDistributionIT {
    private static final String CORE = "kubelix-core";
    private static final String APISERVER = "kubelix-apiserver";
    private static final List<String> KUBELIX_FEATURES = List.of(CORE, APISERVER, "kubelix-jetty",
            "kubelix-spifly");
    private static final List<String> BOOT_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");
    private static final String EMBEDDED_STORE = "(" + KeyValueStore.NAME_PROPERTY + "=embedded)";
    private static final String CLIENT_PACKAGE = "io.kubelix.client";
    private static final String APISERVER_PID = "io.kubelix.apiserver";
    private static final String APISERVER_BUNDLE = "io.kubelix.apiserver";
    private static final AtomicLong NAMES = new AtomicLong();

    @Inject
    private BundleContext bundleContext;

    @Inject
    private FeaturesService features;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private ResourceService resources;

    // Injected only once every boot feature is installed.
    @Inject
    private BootFinished bootFinished;

    // ---- container setup (runs in the test JVM) ----

    @Configuration
    public Option[] config() throws IOException {
        String distribution = System.getProperty("kubelix.distribution");
        if (distribution == null) {
            throw new IllegalStateException("system property kubelix.distribution is not set; run this test "
                    + "through failsafe (mvn -pl itests verify), which points it at the karaf-assembly tar.gz");
        }
        File archive = new File(distribution);
        if (!archive.isFile()) {
            throw new IllegalStateException("no distribution at " + archive.getAbsolutePath()
                    + "; build it first: mvn -B -o install -DskipTests");
        }
        String karafVersion = System.getProperty("kubelix.karafVersion");
        if (karafVersion == null) {
            throw new IllegalStateException("system property kubelix.karafVersion is not set (failsafe sets it)");
        }
        int apiPort = freePort();
        int sshPort = freePort();
        while (sshPort == apiPort) {
            sshPort = freePort();
        }
        return options(
                karafDistributionConfiguration()
                        .frameworkUrl(archive.toURI().toString())
                        .name("Kubelix")
                        .unpackDirectory(new File("target/pax-exam"))
                        .useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/io.kubelix.apiserver.cfg", "port", Integer.toString(apiPort)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort)),
                // Bounded heap and a serial collector: the machine has 2 cores and other tests run too.
                vm("-Xmx512m"), vm("-XX:+UseSerialGC"),
                // What bin/karaf passes on Java 9+ (Pax Exam starts Karaf's main class directly).
                vm("--add-reads=java.xml=java.logging"),
                vm("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
                vm("--patch-module"), vm("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar"),
                vm("--patch-module"), vm("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"),
                vm("--add-opens"), vm("java.base/java.security=ALL-UNNAMED"),
                vm("--add-opens"), vm("java.base/java.net=ALL-UNNAMED"),
                vm("--add-opens"), vm("java.base/java.lang=ALL-UNNAMED"),
                vm("--add-opens"), vm("java.base/java.util=ALL-UNNAMED"),
                vm("--add-opens"), vm("java.naming/javax.naming.spi=ALL-UNNAMED"),
                vm("--add-opens"), vm("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
                vm("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
                vm("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
                vm("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
                vm("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
                vm("--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED"),
                vm("-classpath"), vm("lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"));
    }

    private static VMOption vm(String option) {
        return new VMOption(option);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            return port == 6443 ? freePort() : port;
        }
    }

    // ---- tests (run inside the distribution) ----

    @Test
    public void kubelixFeaturesAreInstalledAndEveryBundleIsActive() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String name : KUBELIX_FEATURES) {
            Feature feature = features.getFeature(name);
            if (feature == null) {
                missing.add(name + " (not in any features repository)");
            } else if (!features.isInstalled(feature)) {
                missing.add(name + " " + feature.getVersion() + " (known, not installed)");
            }
        }
        assertTrue("Kubelix features not installed: " + missing, missing.isEmpty());

        // A bundle may still be STARTING just after boot; give it a moment before calling it broken.
        List<String> notActive = awaitValue(Duration.ofSeconds(20), this::bundlesNotActive, List::isEmpty);
        assertTrue("bundles that are not ACTIVE (state, id, name; fragments excluded) -- look in "
                + "data/log/karaf.log and run bundle:diag on them:\n  " + String.join("\n  ", notActive),
                notActive.isEmpty());
    }

    @Test
    public void kubelixServicesAreRegistered() throws Exception {
        awaitService(KeyValueStore.class.getName(), EMBEDDED_STORE);
        awaitService(ResourceService.class.getName(), null);
        awaitService(ResourceDefinitionProvider.class.getName(), null);

        // The registry serves what the providers define.
        List<ResourceType> served = resources.resourceTypes();
        for (String[] kind : new String[][] {{"v1", "Namespace"}, {"v1", "ConfigMap"}, {"apps/v1", "Deployment"}}) {
            assertTrue("the ResourceService does not serve " + kind[0] + " " + kind[1] + "; it serves "
                    + served.size() + " types", resources.findTypeByKind(kind[0], kind[1]).isPresent());
        }

        if (exportingBundle(CLIENT_PACKAGE) == null) {
            System.out.println("KubelixDistributionIT: no bundle exports " + CLIENT_PACKAGE
                    + " yet; the client services are not checked");
            return;
        }
        awaitService(CLIENT_PACKAGE + ".KubeClient", "(kubelix.client=in-process)");
        awaitService(CLIENT_PACKAGE + ".SharedInformerFactory", null);
    }

    @Test
    public void bootNamespacesAreCreated() throws Exception {
        ResourceType namespaces = type("v1", "Namespace");
        for (String name : BOOT_NAMESPACES) {
            // The registry creates them in the background after it starts.
            JsonObject namespace = awaitValue(Duration.ofSeconds(30), () -> getOrNull(namespaces, null, name),
                    ns -> ns != null);
            assertNotNull("namespace " + name + " was not created within 30 s of boot", namespace);
            JsonObject status = namespace.getAsJsonObject("status");
            assertEquals("status.phase of namespace " + name + ": " + namespace, "Active",
                    status == null || !status.has("phase") ? null : status.get("phase").getAsString());
        }
    }

    @Test
    public void inProcessAndRestPathsShareOneStore() throws Exception {
        ApiEndpoint api = apiEndpoint();
        awaitReady(api, Duration.ofSeconds(30));
        ResourceType configMaps = type("v1", "ConfigMap");

        // Written in-process, read over HTTPS.
        String inProcessName = uniqueName("in-process");
        JsonObject created = resources.create(configMaps, "default",
                configMap(inProcessName, "written-by", "resource-service"), WriteOptions.manager("kubelix-osgi-it"));
        ApiEndpoint.Reply reply = api.get(configMapPath(inProcessName));
        assertEquals(reply.describe(), 200, reply.code());
        JsonObject served = JsonParser.parseString(reply.body()).getAsJsonObject();
        assertEquals("uid over HTTPS vs in-process", uid(created), uid(served));
        assertEquals("resourceVersion over HTTPS vs in-process", resourceVersion(created), resourceVersion(served));
        assertEquals("resource-service", served.getAsJsonObject("data").get("written-by").getAsString());

        // Written over HTTPS, read in-process.
        String restName = uniqueName("rest");
        ApiEndpoint.Reply posted = api.post("/api/v1/namespaces/default/configmaps",
                configMap(restName, "written-by", "https").toString());
        assertEquals(posted.describe(), 201, posted.code());
        JsonObject postedObject = JsonParser.parseString(posted.body()).getAsJsonObject();
        JsonObject read = resources.get(configMaps, "default", restName, null);
        assertEquals("uid in-process vs over HTTPS", uid(postedObject), uid(read));
        assertEquals("https", read.getAsJsonObject("data").get("written-by").getAsString());

        // The same object is not served to a caller without the token.
        ApiEndpoint.Reply anonymous = api.getWithoutToken(configMapPath(inProcessName));
        assertEquals("a request without a bearer token: " + anonymous.describe(), 401, anonymous.code());
    }

    @Test
    public void apiServerFeatureCanBeRemovedAndRestoredWhileTheStoreRunsOn() throws Exception {
        ApiEndpoint api = apiEndpoint();
        awaitReady(api, Duration.ofSeconds(30));
        ResourceType configMaps = type("v1", "ConfigMap");
        String name = uniqueName("hot-swap");
        JsonObject created = resources.create(configMaps, "default", configMap(name, "survives", "hot swap"),
                WriteOptions.manager("kubelix-osgi-it"));
        long resourceServiceId = serviceId(ResourceService.class.getName(), null);
        long storeId = serviceId(KeyValueStore.class.getName(), EMBEDDED_STORE);

        assertFalse("port " + api.port() + " refuses connections although /readyz answered", api.refusesConnections());

        try {
            features.uninstallFeature(APISERVER);
            assertFalse(APISERVER + " is still installed after uninstallFeature",
                    features.isInstalled(features.getFeature(APISERVER)));
            assertEquals("bundle " + APISERVER_BUNDLE + " is still there after the feature was uninstalled", null,
                    bundle(APISERVER_BUNDLE));
            boolean closed = awaitValue(Duration.ofSeconds(15), api::refusesConnections, c -> c);
            assertTrue("port " + api.port() + " still accepts connections 15 s after " + APISERVER
                    + " was uninstalled", closed);

            assertEquals("the ResourceService was re-registered when the API server went (it should not notice)",
                    resourceServiceId, serviceId(ResourceService.class.getName(), null));
            assertEquals("the embedded KeyValueStore was re-registered when the API server went",
                    storeId, serviceId(KeyValueStore.class.getName(), EMBEDDED_STORE));
            JsonObject meanwhile = resources.get(configMaps, "default", name, null);
            assertEquals("uid read in-process while the API server is gone", uid(created), uid(meanwhile));
        } finally {
            features.installFeature(APISERVER);
        }
        assertTrue(APISERVER + " is not installed after installFeature",
                features.isInstalled(features.getFeature(APISERVER)));
        awaitReady(api, Duration.ofSeconds(30));

        ApiEndpoint.Reply reply = api.get(configMapPath(name));
        assertEquals("the object written before the API server went: " + reply.describe(), 200, reply.code());
        JsonObject served = JsonParser.parseString(reply.body()).getAsJsonObject();
        assertEquals(uid(created), uid(served));
        assertEquals("hot swap", served.getAsJsonObject("data").get("survives").getAsString());
    }

    // ---- helpers (inside the container) ----

    private List<String> bundlesNotActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : bundleContext.getBundles()) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                notActive.add(String.format(Locale.ROOT, "%-11s %3d %s/%s", stateName(b.getState()), b.getBundleId(),
                        b.getSymbolicName(), b.getVersion()));
            }
        }
        return notActive;
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "state " + state;
        };
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** The bundle that declares an export of {@code packageName}, or null. */
    private Bundle exportingBundle(String packageName) {
        for (Bundle b : bundleContext.getBundles()) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            for (BundleCapability export : revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                if (packageName.equals(export.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                    return b;
                }
            }
        }
        return null;
    }

    private ServiceReference<?> awaitService(String className, String filter) throws Exception {
        ServiceReference<?> found = awaitValue(Duration.ofSeconds(20), () -> firstService(className, filter),
                ref -> ref != null);
        assertNotNull("no " + className + " service" + (filter == null ? "" : " matching " + filter)
                + " within 20 s; registered Kubelix services: " + kubelixServices(), found);
        return found;
    }

    private ServiceReference<?> firstService(String className, String filter) throws InvalidSyntaxException {
        ServiceReference<?>[] refs = bundleContext.getAllServiceReferences(className, filter);
        return refs == null || refs.length == 0 ? null : refs[0];
    }

    private long serviceId(String className, String filter) throws Exception {
        return (Long) awaitService(className, filter).getProperty(Constants.SERVICE_ID);
    }

    private List<String> kubelixServices() throws InvalidSyntaxException {
        List<String> names = new ArrayList<>();
        ServiceReference<?>[] refs = bundleContext.getAllServiceReferences(null, null);
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            for (String objectClass : (String[]) ref.getProperty(Constants.OBJECTCLASS)) {
                if (objectClass.startsWith("io.kubelix.")) {
                    names.add(objectClass + " from " + ref.getBundle().getSymbolicName());
                }
            }
        }
        return names;
    }

    /** The API server as configured in this distribution (port from Config Admin, PKI in the data directory). */
    private ApiEndpoint apiEndpoint() throws Exception {
        org.osgi.service.cm.Configuration[] configurations = configurationAdmin.listConfigurations(
                "(" + Constants.SERVICE_PID + "=" + APISERVER_PID + ")");
        assertNotNull("no configuration " + APISERVER_PID + " (etc/" + APISERVER_PID + ".cfg)", configurations);
        Object port = configurations[0].getProperties().get("port");
        assertNotNull("etc/" + APISERVER_PID + ".cfg sets no port", port);
        int apiPort = Integer.parseInt(port.toString().trim());
        assertNotEquals("the test must not use the default port of a Kubelix the user may be running", 6443, apiPort);
        Path pki = Path.of(System.getProperty("karaf.data")).resolve("kubelix/pki");
        // The PKI is written when the API server first starts.
        awaitValue(Duration.ofSeconds(30), () -> pki.resolve("admin.token").toFile().isFile(), exists -> exists);
        return ApiEndpoint.local(apiPort, pki);
    }

    private static void awaitReady(ApiEndpoint api, Duration limit) throws Exception {
        String[] last = {"no answer yet"};
        boolean ready = awaitValue(limit, () -> {
            try {
                ApiEndpoint.Reply reply = api.getWithoutToken("/readyz");
                last[0] = reply.describe();
                return reply.code() == 200 && reply.body().trim().equals("ok");
            } catch (IOException e) {
                last[0] = e.toString();
                return false;
            }
        }, r -> r);
        assertTrue("GET /readyz on port " + api.port() + " did not answer 200 ok within " + limit.toSeconds()
                + " s; last: " + last[0], ready);
    }

    private ResourceType type(String apiVersion, String kind) {
        return resources.findTypeByKind(apiVersion, kind)
                .orElseThrow(() -> new AssertionError("the ResourceService does not serve " + apiVersion + " " + kind));
    }

    private JsonObject getOrNull(ResourceType type, String namespace, String name) {
        try {
            return resources.get(type, namespace, name, null);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static String uniqueName(String prefix) {
        return "osgi-it-" + prefix + "-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + NAMES.incrementAndGet();
    }

    private static String configMapPath(String name) {
        return "/api/v1/namespaces/default/configmaps/" + name;
    }

    private static JsonObject configMap(String name, String key, String value) {
        JsonObject metadata = new JsonObject();
        metadata.addProperty("name", name);
        metadata.addProperty("namespace", "default");
        JsonObject data = new JsonObject();
        data.addProperty(key, value);
        JsonObject configMap = new JsonObject();
        configMap.addProperty("apiVersion", "v1");
        configMap.addProperty("kind", "ConfigMap");
        configMap.add("metadata", metadata);
        configMap.add("data", data);
        return configMap;
    }

    private static String uid(JsonObject object) {
        return object.getAsJsonObject("metadata").get("uid").getAsString();
    }

    private static String resourceVersion(JsonObject object) {
        return object.getAsJsonObject("metadata").get("resourceVersion").getAsString();
    }

    /** Polls {@code probe} until {@code done} accepts its value or the time is up; returns the last value. */
    private static <T> T awaitValue(Duration limit, Callable<T> probe, Predicate<T> done)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value = probe.call();
            if (done.test(value) || System.nanoTime() > deadline) {
                return value;
            }
            Thread.sleep(200);
        }
    }
}
