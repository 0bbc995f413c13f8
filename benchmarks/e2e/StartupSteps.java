import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

/**
 * Starts the e2e application of a fat jar with Spring's {@link BufferingApplicationStartup} (a fat jar's own main
 * cannot be given one from outside) and writes every start-up step when the context is ready: id, parent id, name,
 * its duration, its self time (less its children's) in ms, and its tags (a bean's name). Prints the starter's
 * beans' share of the context refresh. Run inside the fat jar, with its class path:
 * <pre>
 * unzip -q -o -j benchmarks/e2e-app/target/e2e-app.jar 'BOOT-INF/lib/spring-*.jar' -d /tmp/steps-lib
 * javac -cp '/tmp/steps-lib/*' -d /tmp/steps benchmarks/e2e/StartupSteps.java
 * java -Dsteps.out=/tmp/steps-b.tsv -cp benchmarks/e2e-app-telemetry/target/e2e-app-telemetry.jar \
 *     -Dloader.path=/tmp/steps -Dloader.main=StartupSteps org.springframework.boot.loader.launch.PropertiesLauncher \
 *     --telemetry.output.path=/tmp/steps-b.jsonl
 * </pre>
 * The durations are wall times of the main thread: on a shared machine compare shares within one start, not
 * starts with each other.
 */
public class StartupSteps {

	public static void main(String[] args) throws IOException, ClassNotFoundException {
		String main = System.getProperty("steps.main", "benchmarks.petclinic.PetClinicApplication");
		SpringApplication application = new SpringApplication(Class.forName(main));
		BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
		application.setApplicationStartup(startup);
		application.run(args);
		Map<Long, Long> children = new HashMap<>();
		for (TimelineEvent event : startup.getBufferedTimeline().getEvents()) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				children.merge(parent, event.getDuration().toNanos(), Long::sum);
			}
		}
		double refresh = 0;
		double starter = 0;
		int starterBeans = 0;
		Path out = Path.of(System.getProperty("steps.out", "startup-steps.tsv"));
		try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
			for (TimelineEvent event : startup.getBufferedTimeline().getEvents()) {
				StartupStep step = event.getStartupStep();
				double total = event.getDuration().toNanos() / 1e6;
				double self = total - children.getOrDefault(step.getId(), 0L) / 1e6;
				StringBuilder tags = new StringBuilder();
				step.getTags().forEach((tag) -> tags.append(tag.getKey()).append('=').append(tag.getValue()).append(' '));
				writer.printf("%d\t%s\t%s\t%.3f\t%.3f\t%s%n", step.getId(), step.getParentId(), step.getName(), total,
						self, tags.toString().trim());
				if (step.getName().equals("spring.context.refresh")) {
					refresh = total;
				}
				if (step.getName().equals("spring.beans.instantiate") && tags.indexOf("elemetry") >= 0) {
					starter += self;
					starterBeans++;
				}
			}
		}
		System.out.printf("StartupSteps: context refresh %.0f ms; the starter's %d beans %.0f ms self (%.1f %%); steps in %s%n",
				refresh, starterBeans, starter, (refresh > 0) ? 100 * starter / refresh : 0, out);
	}

}
