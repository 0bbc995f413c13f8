package dev.cloudtelemetry.core.sampling;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import dev.cloudtelemetry.core.context.RemoteContext;
import dev.cloudtelemetry.core.context.Span;

/**
 * Decides which traces are written, and counts what it decided.
 * <p>
 * The decision is taken where a trace starts in this process (its local root) and holds for every span under
 * it. With a caller's context ({@code traceparent}, or another tracer's span) the caller's sampled flag
 * decides; otherwise the trace id does, as OpenTelemetry's {@code TraceIdRatioBased} sampler does: the lower
 * 64 bits, made non-negative, below {@code rate × Long.MAX_VALUE}. Every process sampling at the same rate
 * therefore keeps the same traces, whoever starts them.
 * <p>
 * An unsampled trace is not written, unless {@code keepErrors} or {@code keepSlowerThanNanos} may still keep
 * it: then its events are held ({@link LocalTrace}) until its local root ends, and written whole or
 * discarded.
 */
public final class Sampling {

	/** Writes everything: what the tracers use when they are given no sampling. */
	public static final Sampling ALWAYS = new Sampling(SamplingSettings.ALWAYS, List.of(), System::nanoTime);

	/** The trace of work that is never traced (an excluded request): nothing of it is written or counted. */
	public static final LocalTrace EXCLUDED = new LocalTrace(ALWAYS, LocalTrace.DROP);

	/**
	 * The memory one held event is assumed to take (the event object, the list slot and what the event refers
	 * to): the unit of the global bound on held events.
	 */
	static final long HELD_EVENT_BYTES = 256;

	private final SamplingSettings settings;

	private final boolean always;

	private final long idUpperBound;

	private final SpanFilter[] filters;

	private final LongSupplier nanoTime;

	private final LocalTrace dropped = new LocalTrace(this, LocalTrace.DROP);

	private final LongAdder kept = new LongAdder();

	private final LongAdder keptForError = new LongAdder();

	private final LongAdder keptForLatency = new LongAdder();

	private final LongAdder discarded = new LongAdder();

	private final LongAdder rateLimited = new LongAdder();

	private final LongAdder overBudget = new LongAdder();

	private final LongAdder spansSuppressed = new LongAdder();

	private final AtomicLong heldBytes = new AtomicLong();

	/** Guards the token bucket of {@code maxTracesPerSecond}. */
	private final Object limitLock = new Object();

	private double tokens;

	private long lastRefill;

	/**
	 * @param settings what is kept
	 * @param filters the span filters, in the order they are asked
	 * @param nanoTime the monotonic clock of the rate limit
	 */
	public Sampling(SamplingSettings settings, List<? extends SpanFilter> filters, LongSupplier nanoTime) {
		this.settings = settings;
		double rate = settings.rate();
		this.always = rate >= 1.0 && settings.maxTracesPerSecond() <= 0;
		// the bounds of OpenTelemetry's TraceIdRatioBased sampler
		this.idUpperBound = (rate <= 0.0) ? Long.MIN_VALUE : (rate >= 1.0) ? Long.MAX_VALUE : (long) (rate * Long.MAX_VALUE);
		this.filters = filters.toArray(SpanFilter[]::new);
		this.nanoTime = nanoTime;
		this.tokens = Math.max(1, settings.maxTracesPerSecond());
		this.lastRefill = nanoTime.getAsLong();
	}

	public SamplingSettings settings() {
		return this.settings;
	}

	/**
	 * Whether a trace started here with this trace id is sampled at the configured rate (without the rate
	 * limit).
	 * @param traceIdLow the lower 64 bits of the trace id
	 * @return whether it is sampled
	 */
	public boolean sampledById(long traceIdLow) {
		return this.idUpperBound == Long.MAX_VALUE || Math.abs(traceIdLow) < this.idUpperBound;
	}

	/**
	 * Begins the local part of a trace, with its decision.
	 * @param traceIdLow the lower 64 bits of the trace id
	 * @param parent the caller's context, whose sampled flag decides, or {@code null} for a new trace
	 * @return the local trace, shared by every span under the local root
	 */
	public LocalTrace begin(long traceIdLow, @Nullable RemoteContext parent) {
		LocalTrace trace = beginLazily(traceIdLow, parent);
		return (trace != null) ? trace : recording();
	}

	/**
	 * Begins the local part of a trace without creating its state when it is sampled: a local root that has
	 * no children needs none. The caller creates it on demand with {@link #recording()}.
	 * @param traceIdLow the lower 64 bits of the trace id
	 * @param parent the caller's context, or {@code null}
	 * @return {@code null} when the trace is sampled, otherwise its (held or dropped) local trace
	 */
	public @Nullable LocalTrace beginLazily(long traceIdLow, @Nullable RemoteContext parent) {
		if (parent == null && this.always) {
			this.kept.increment();
			return null;
		}
		boolean sampled;
		if (parent != null) {
			sampled = parent.sampled();
		}
		else {
			sampled = sampledById(traceIdLow);
			if (sampled && !takeToken()) {
				this.rateLimited.increment();
				sampled = false;
			}
		}
		if (sampled) {
			this.kept.increment();
			return null;
		}
		if (this.settings.buffers()) {
			return new LocalTrace(this, LocalTrace.BUFFER);
		}
		this.discarded.increment();
		return this.dropped;
	}

	/**
	 * The state of a sampled trace: its span budget.
	 * @return a new local trace whose events are written
	 */
	public LocalTrace recording() {
		return new LocalTrace(this, LocalTrace.RECORD);
	}

	/**
	 * Whether the events of a new span are written, as far as the filters are concerned.
	 * @param kind what the span describes
	 * @param name its name
	 * @param target what it works on, or {@code null}
	 * @param parent its local parent, or {@code null}
	 * @return {@code false} when a filter dropped it, or its parent was dropped and no filter keeps it
	 */
	public boolean keeps(SpanFilter.Kind kind, String name, @Nullable String target, @Nullable Span parent) {
		boolean parentDropped = parent != null && parent.filteredOut();
		if (this.filters.length == 0) {
			return !parentDropped;
		}
		SpanFilter.Candidate candidate = new SpanFilter.Candidate(kind, name, target, parentDropped);
		for (SpanFilter filter : this.filters) {
			SpanFilter.Decision decision;
			try {
				decision = filter.decide(candidate);
			}
			catch (RuntimeException ex) {
				// a failing filter never breaks the application's call
				decision = SpanFilter.Decision.ABSTAIN;
			}
			if (decision == SpanFilter.Decision.KEEP) {
				return true;
			}
			if (decision == SpanFilter.Decision.DROP) {
				return false;
			}
		}
		return !parentDropped;
	}

	/** Whether any span filter is installed: without one, only a dropped parent drops a span. */
	public boolean hasFilters() {
		return this.filters.length > 0;
	}

	/**
	 * What was decided since start-up.
	 * @return the counters
	 */
	public SamplingStats stats() {
		return new SamplingStats(this.settings.rate(), this.kept.sum(), this.keptForError.sum(),
				this.keptForLatency.sum(), this.discarded.sum(), this.rateLimited.sum(), this.overBudget.sum(),
				this.spansSuppressed.sum(), this.heldBytes.get());
	}

	private boolean takeToken() {
		double limit = this.settings.maxTracesPerSecond();
		if (limit <= 0) {
			return true;
		}
		synchronized (this.limitLock) {
			long now = this.nanoTime.getAsLong();
			this.tokens = Math.min(Math.max(1, limit), this.tokens + (now - this.lastRefill) * limit / 1e9);
			this.lastRefill = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return true;
			}
			return false;
		}
	}

	/** Whether a trace kept for an error or latency may be written under the rate limit. */
	boolean admitsKept(boolean forError) {
		if (forError && this.settings.errorsExemptFromLimit()) {
			return true;
		}
		if (takeToken()) {
			return true;
		}
		this.rateLimited.increment();
		return false;
	}

	boolean reserve(long bytes) {
		// never above the bound, not even for a moment: stats() may read the count at any time
		long max = this.settings.bufferMaxBytes();
		long held;
		do {
			held = this.heldBytes.get();
			if (held + bytes > max) {
				return false;
			}
		}
		while (!this.heldBytes.compareAndSet(held, held + bytes));
		return true;
	}

	void release(long bytes) {
		this.heldBytes.addAndGet(-bytes);
	}

	void countKeptForError() {
		this.keptForError.increment();
	}

	void countKeptForLatency() {
		this.keptForLatency.increment();
	}

	void countDiscarded() {
		this.discarded.increment();
	}

	void countOverBudget() {
		this.overBudget.increment();
	}

	void countSuppressed() {
		this.spansSuppressed.increment();
	}

}
