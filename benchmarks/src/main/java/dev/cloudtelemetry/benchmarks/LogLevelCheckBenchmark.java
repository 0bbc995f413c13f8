package dev.cloudtelemetry.benchmarks;

import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.MDC;
import org.slf4j.Marker;

import dev.cloudtelemetry.core.context.CurrentSpan;
import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.instrument.context.LogTimeSpanMdc;
import dev.cloudtelemetry.instrument.context.SpanMdcTurboFilter;

/**
 * What the starter's Logback turbo filter adds to a level check the logger refuses ({@code isDebugEnabled()} at
 * INFO, which Spring, Hibernate and Tomcat make many times per request), inside a span that changes every
 * {@code callsPerSpan} checks: no turbo filter ({@code none}), a filter that brings the MDC in line on every
 * check ({@code sync-always}, what the starter did before) and the starter's filter ({@code telemetry}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogLevelCheckBenchmark {

	@Param({ "none", "sync-always", "telemetry" })
	public String filter;

	@Param({ "8" })
	public int callsPerSpan;

	private final LoggerContext context = new LoggerContext();

	private final SpanFactory spans = new SpanFactory(System::nanoTime);

	private Logger logger;

	private Span[] pair;

	private int calls;

	@Setup(org.openjdk.jmh.annotations.Level.Trial)
	public void setUp() {
		this.context.setMDCAdapter(MDC.getMDCAdapter());
		TurboFilter turbo = switch (this.filter) {
			case "none" -> null;
			case "sync-always" -> new TurboFilter() {

				@Override
				public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
						Throwable t) {
					LogTimeSpanMdc.sync();
					return FilterReply.NEUTRAL;
				}

			};
			case "telemetry" -> new SpanMdcTurboFilter();
			default -> throw new IllegalArgumentException(this.filter);
		};
		if (turbo != null) {
			turbo.setContext(this.context);
			turbo.start();
			this.context.addTurboFilter(turbo);
		}
		this.logger = this.context.getLogger("org.hibernate.SQL");
		this.logger.setLevel(Level.INFO);
		Span root = this.spans.start(null, "root", "func", null);
		this.pair = new Span[] { this.spans.start(root, "a", "func", null), this.spans.start(root, "b", "func", null) };
		CurrentSpan.set(this.pair[0]);
	}

	@TearDown(org.openjdk.jmh.annotations.Level.Trial)
	public void tearDown() {
		CurrentSpan.set(null);
		MDC.clear();
		this.context.stop();
	}

	@Benchmark
	public boolean debugCheck() {
		if (++this.calls == this.callsPerSpan) {
			this.calls = 0;
			CurrentSpan.set((CurrentSpan.get() == this.pair[0]) ? this.pair[1] : this.pair[0]);
		}
		return this.logger.isDebugEnabled();
	}

}
