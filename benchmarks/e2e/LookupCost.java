import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of one class-path resource lookup that misses, as Spring MVC's PathResourceResolver makes for each
 * page link that is not a static resource, in each static location. Run inside a fat jar, with its class path:
 * <pre>
 * javac -d /tmp/lookup benchmarks/e2e/LookupCost.java
 * java -cp benchmarks/e2e-app/target/e2e-app.jar -Dloader.path=/tmp/lookup -Dloader.main=LookupCost \
 *     org.springframework.boot.loader.launch.PropertiesLauncher
 * </pre>
 * Prints, per round, the CPU time of this thread per lookup (wall time on a shared machine measures the wait for
 * a core).
 */
public class LookupCost {

	public static void main(String[] args) {
		ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		String[] locations = { "META-INF/resources/", "resources/", "static/", "public/" };
		int found = 0;
		for (int round = 0; round < 30; round++) {
			long start = threads.getCurrentThreadCpuTime();
			int lookups = 0;
			for (int i = 0; i < 1500; i++) {
				for (String location : locations) {
					if (classLoader.getResource(location + "owners/" + (i % 60) + "/edit") != null) {
						found++;
					}
					lookups++;
				}
			}
			long cpu = threads.getCurrentThreadCpuTime() - start;
			System.out.printf("round %d: %.2f us CPU per missed lookup%n", round, cpu / 1000.0 / lookups);
		}
		System.out.println("found " + found + " (expected 0)");
	}

}
