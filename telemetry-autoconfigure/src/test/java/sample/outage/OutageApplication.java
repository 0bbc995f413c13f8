package sample.outage;

import java.io.PrintStream;
import java.util.concurrent.locks.LockSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.cloudtelemetry.output.ExportStatusProvider;
import dev.cloudtelemetry.output.otlp.OtlpExportStats;

/**
 * An application under steady load (the load thread keeps the JVM running) for the OTLP outage test, run as a child JVM: a thread calls a traced bean
 * 200 times a second until SIGTERM, which closes the context (as Boot's own shutdown hook does) and then prints
 * the exporter's final counters as one {@code STATS ...} line.
 */
@SpringBootApplication
public class OutageApplication {

	/** Calls per second of the load thread. */
	static final int RATE = 200;

	@Bean
	Pinger pinger() {
		return new Pinger();
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplicationBuilder(OutageApplication.class)
			.web(WebApplicationType.NONE)
			.registerShutdownHook(false)
			.build();
		ConfigurableApplicationContext context = application.run(args);
		Pinger pinger = context.getBean(Pinger.class);
		ExportStatusProvider exporter = context.getBean(ExportStatusProvider.class);
		Thread load = new Thread(() -> load(pinger), "load");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			load.interrupt();
			try {
				load.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			context.close();
			OtlpExportStats stats = (OtlpExportStats) exporter.exportStatus();
			PrintStream out = System.out;
			out.println("STATS produced=" + stats.produced() + " exported=" + stats.exported() + " dropped="
					+ stats.droppedTotal() + " pending=" + stats.pending() + " " + stats.dropped());
			out.flush();
		}));
		load.start();
		System.out.println("STARTED");
	}

	private static void load(Pinger pinger) {
		long period = 1_000_000_000L / RATE;
		long next = System.nanoTime();
		for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
			pinger.ping(i);
			next += period;
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

}
