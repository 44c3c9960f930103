package org.myoflow.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.CommandContribution;
import org.myoflow.ml.ModelImporter;
import org.myoflow.ml.TrainingRecipe;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The {@code org.myoflow.cli.app} Equinox application. Installs extension bundles (third-party steps) from the
 * folders in {@code MYOFLOW_EXTENSIONS} (path-separated), {@code ~/.myoflow/extensions} and the installation's
 * {@code extensions} folder (what {@code myoflow admin install} adds for every user), starts every platform
 * bundle that declares DS components, waits for the step registry, starts the extension bundles each within a time
 * limit ({@link ExtensionStartup}: a plug-in that hangs or fails is reported and left out) and runs the command
 * line.
 */
public final class MyoflowApplication implements IApplication {

    private static final String EXTENSION_LOCATION = "myoflow-extension:";

    private final AtomicBoolean cancel = new AtomicBoolean();
    /** Set when an extension bundle had to be abandoned while starting (a thread stuck in it holds locks). */
    private final AtomicBoolean abandoned = new AtomicBoolean();

    @Override
    public Object start(IApplicationContext context) throws Exception {
        int code;
        try {
            code = run(context);
        } catch (Throwable t) {
            System.err.println("myoflow: internal error: " + t);
            t.printStackTrace();
            code = ExitCodes.STEP_FAILED;
        }
        // The Equinox launcher takes the process exit code from this property.
        System.setProperty("eclipse.exitcode", Integer.toString(code));
        if (abandoned.get()) {
            // a thread stuck in an abandoned plug-in holds the framework's locks on its bundle and services, so
            // the orderly framework shutdown would wait for it forever: the command is done, end the process
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        return code;
    }

    private int run(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        context.applicationRunning();
        if (Boolean.getBoolean("myoflow.trace")) {
            System.err.println("myoflow: application started with " + java.util.Arrays.toString(args));
        }
        Bundle self = FrameworkUtil.getBundle(MyoflowApplication.class);
        BundleContext bc = self.getBundleContext();
        List<String> warnings = new ArrayList<>();
        Duration extensionTimeout = ExtensionStartup.timeout(warnings);
        try {
            org.myoflow.core.lab.LabConfig.current();
        } catch (org.myoflow.core.lab.LabConfig.InvalidLabFile e) {
            warnings.add(e.getMessage() + "; going on without the lab's shared folders");
        }
        Map<Bundle, Path> extensions = installExtensions(bc, warnings);
        startComponentBundles(bc, warnings);
        awaitComponents(bc, warnings);
        ServiceTracker<StepRegistry, StepRegistry> tracker = new ServiceTracker<>(bc, StepRegistry.class, null);
        tracker.open();
        try {
            StepRegistry registry = tracker.waitForService(20_000);
            if (registry == null) {
                warnings.forEach(w -> System.err.println("myoflow: warning: " + w));
                System.err.println("myoflow: the step registry did not start (is org.apache.felix.scr running?)");
                return ExitCodes.STEP_FAILED;
            }
            // the platform is up: now the plug-ins, one at a time and each within the time limit
            extensions.forEach((b, jar) -> {
                ExtensionStartup.Outcome o = ExtensionStartup.start(bc, b, jar, extensionTimeout);
                if (o.problem() != null) {
                    warnings.add(o.problem());
                }
                if (o.abandoned()) {
                    abandoned.set(true);
                }
            });
            warnings.forEach(w -> System.err.println("myoflow: warning: " + w));
            SignalCancel signals = SignalCancel.install(cancel, System.err, SignalCancel.defaultGraceMillis());
            boolean tty = Boolean.getBoolean("myoflow.tty");
            String platform = self.getSymbolicName() + " " + self.getVersion();
            ServiceTracker<BenchmarkSuite, BenchmarkSuite> benches = new ServiceTracker<>(bc, BenchmarkSuite.class,
                    null);
            benches.open();
            ServiceTracker<TrainingRecipe, TrainingRecipe> recipes = new ServiceTracker<>(bc, TrainingRecipe.class,
                    null);
            recipes.open();
            ServiceTracker<CommandContribution, CommandContribution> commands = new ServiceTracker<>(bc,
                    CommandContribution.class, null);
            commands.open();
            ServiceTracker<ModelImporter, ModelImporter> importers = new ServiceTracker<>(bc, ModelImporter.class,
                    null);
            importers.open();
            int code;
            try {
                code = new Cli(registry, () -> withRealData(benches.getServices(new BenchmarkSuite[0])), System.out,
                        System.err, tty, platform, cancel)
                        .withRecipes(() -> List.of(recipes.getServices(new TrainingRecipe[0])))
                        .withCommands(() -> List.of(commands.getServices(new CommandContribution[0])))
                        .withImporters(() -> List.of(importers.getServices(new ModelImporter[0]))).execute(args);
            } finally {
                importers.close();
                commands.close();
                recipes.close();
                benches.close();
            }
            System.out.flush();
            code = signals.exitCode(code);
            signals.close();
            return code;
        } finally {
            tracker.close();
        }
    }

    @Override
    public void stop() {
        cancel.set(true);
    }

    /** Folders searched for extension bundles (jar files). */
    static List<Path> extensionFolders() {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("MYOFLOW_EXTENSIONS");
        if (env != null && !env.isBlank()) {
            for (String p : env.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        String prop = System.getProperty("myoflow.extensions");
        if (prop != null && !prop.isBlank()) {
            dirs.add(Path.of(prop));
        }
        dirs.add(Path.of(System.getProperty("user.home"), ".myoflow", "extensions"));
        // the plug-ins the administrator installed for every user (myoflow admin install)
        Path install = AdminCommand.installFolder();
        if (install != null) {
            dirs.add(install.resolve(AdminCommand.EXTENSIONS_FOLDER));
        }
        return dirs;
    }

    /**
     * Installs (or updates) the jars in the extension folders and uninstalls extension bundles whose jar is gone,
     * so that the persistent OSGi configuration always matches the folders.
     */
    private static Map<Bundle, Path> installExtensions(BundleContext bc, List<String> warnings) {
        List<String> wanted = new ArrayList<>();
        for (Path dir : extensionFolders()) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> jars;
            try (Stream<Path> s = Files.list(dir)) {
                jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                warnings.add("cannot list extension folder " + dir + ": " + e.getMessage());
                continue;
            }
            for (Path p : jars) {
                String why = ExtensionStartup.notABundle(p);
                if (why != null) {
                    warnings.add("extension " + p.toAbsolutePath().normalize() + " skipped: " + why);
                } else {
                    wanted.add(EXTENSION_LOCATION + p.toAbsolutePath().normalize());
                }
            }
        }
        List<Bundle> changed = new ArrayList<>();
        for (Bundle b : bc.getBundles()) {
            String loc = b.getLocation();
            if (loc.startsWith(EXTENSION_LOCATION) && !wanted.contains(loc)) {
                try {
                    b.uninstall();
                    changed.add(b);
                } catch (BundleException e) {
                    warnings.add("cannot uninstall extension " + loc + ": " + e.getMessage());
                }
            }
        }
        for (String loc : wanted) {
            try {
                Bundle existing = bc.getBundle(loc);
                Path jar = Path.of(loc.substring(EXTENSION_LOCATION.length()));
                if (existing == null) {
                    try (var in = Files.newInputStream(jar)) {
                        changed.add(bc.installBundle(loc, in));
                    }
                } else if (Files.getLastModifiedTime(jar).toMillis() > existing.getLastModified()) {
                    try (var in = Files.newInputStream(jar)) {
                        existing.update(in);
                    }
                    changed.add(existing);
                }
            } catch (BundleException | IOException | RuntimeException e) {
                warnings.add("extension " + loc.substring(EXTENSION_LOCATION.length()) + " not installed: "
                        + ExtensionStartup.causes(e));
            }
        }
        if (!changed.isEmpty()) {
            FrameworkWiring fw = bc.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
            // the refresh runs on the framework's thread: wait for it, or bundles may be started mid-refresh
            CountDownLatch refreshed = new CountDownLatch(1);
            fw.refreshBundles(changed, e -> refreshed.countDown());
            try {
                if (!refreshed.await(20, TimeUnit.SECONDS)) {
                    warnings.add("refreshing the extension bundles took longer than 20 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            fw.resolveBundles(null);
        }
        Map<Bundle, Path> installed = new LinkedHashMap<>();
        for (String loc : wanted) {
            Bundle b = bc.getBundle(loc);
            if (b != null && b.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                installed.put(b, Path.of(loc.substring(EXTENSION_LOCATION.length())));
            }
        }
        return installed;
    }

    /**
     * Waits until Declarative Services has processed every started bundle that declares components: SCR reads a
     * bundle's components on its own thread after the bundle starts, so without waiting a command could look up a
     * step (an extension's, say) before its service is registered (seen as "step ... is not installed" on a loaded
     * machine). Components SCR has not set up within 10 s in all are reported as a warning.
     */
    private static void awaitComponents(BundleContext bc, List<String> warnings) {
        ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> t = new ServiceTracker<>(bc,
                ServiceComponentRuntime.class, null);
        t.open();
        try {
            ServiceComponentRuntime scr = t.waitForService(20_000);
            if (scr == null) {
                return;
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            for (Bundle b : bc.getBundles()) {
                Map<String, String> h = toMap(b);
                if (h.containsKey("Fragment-Host") || !h.containsKey("Service-Component")
                        || (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0
                        || b.getLocation().startsWith(EXTENSION_LOCATION)) {
                    continue;
                }
                while (!componentsReady(scr, b) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (!componentsReady(scr, b)) {
                    warnings.add("the components of bundle " + b.getSymbolicName() + " were not ready within 10 s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            t.close();
        }
    }

    /** True when SCR knows the bundle's components and every enabled one has a configuration. */
    private static boolean componentsReady(ServiceComponentRuntime scr, Bundle b) {
        var descriptions = scr.getComponentDescriptionDTOs(b);
        if (descriptions.isEmpty()) {
            return false;
        }
        for (ComponentDescriptionDTO d : descriptions) {
            if (scr.isComponentEnabled(d) && scr.getComponentConfigurationDTOs(d).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Starts (transiently) every resolved platform bundle that declares DS components, so its steps get registered.
     * Extension bundles are started later, each within the time limit ({@link ExtensionStartup}).
     */
    private static void startComponentBundles(BundleContext bc, List<String> warnings) {
        for (Bundle b : bc.getBundles()) {
            Map<String, String> h = toMap(b);
            boolean isFragment = h.containsKey("Fragment-Host");
            if (isFragment || !h.containsKey("Service-Component") || b.getLocation().startsWith(EXTENSION_LOCATION)) {
                continue;
            }
            if ((b.getState() & (Bundle.INSTALLED | Bundle.RESOLVED)) != 0) {
                try {
                    b.start(Bundle.START_TRANSIENT);
                } catch (BundleException | RuntimeException e) {
                    warnings.add("bundle " + b.getSymbolicName() + " " + b.getVersion() + " did not start: "
                            + ExtensionStartup.causes(e));
                }
            }
        }
    }

    private static Map<String, String> toMap(Bundle b) {
        var d = b.getHeaders("");
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        for (var e = d.keys(); e.hasMoreElements();) {
            String k = e.nextElement();
            m.put(k, d.get(k));
        }
        return m;
    }

    /** The installed suites plus {@code realdata}, which lives in this bundle (it reads data packaged here). */
    static List<BenchmarkSuite> withRealData(BenchmarkSuite[] installed) {
        List<BenchmarkSuite> all = new java.util.ArrayList<>(List.of(installed));
        all.add(new RealDataBenchmark());
        return all;
    }
}
