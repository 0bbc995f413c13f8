package dev.cloudtelemetry.instrument.context;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.util.context.Context;

/**
 * A subscriber that passes every signal on and first calls {@link #ended} when the sequence is over: on
 * completion, on an error, or when its own subscriber cancels. What a span's decoration of a reactive sequence
 * needs, as one subscriber per subscription instead of a chain of peeking operators. Loaded only with Reactor.
 * @param <T> the type of the values
 */
public abstract class EndingSubscriber<T> implements CoreSubscriber<T>, Subscription, Scannable {

	private final CoreSubscriber<? super T> actual;

	private final Context context;

	private @Nullable Subscription subscription;

	/**
	 * @param actual the subscriber the signals go on to
	 * @param context the context to show upstream (the subscriber's, perhaps with a span added)
	 */
	protected EndingSubscriber(CoreSubscriber<? super T> actual, Context context) {
		this.actual = actual;
		this.context = context;
	}

	/**
	 * Called before the signal that ends the sequence travels on; may be called more than once by a sequence
	 * that breaks the rules (an error after a cancellation): implementations end what they end once.
	 * @param error the error that ended it, or {@code null}
	 * @param cancelled whether the subscriber cancelled
	 */
	protected abstract void ended(@Nullable Throwable error, boolean cancelled);

	/**
	 * @return the subscriber the signals go on to
	 */
	protected final CoreSubscriber<? super T> actual() {
		return this.actual;
	}

	@Override
	public Context currentContext() {
		return this.context;
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		this.subscription = subscription;
		this.actual.onSubscribe(this);
	}

	@Override
	public void onNext(T value) {
		this.actual.onNext(value);
	}

	@Override
	public void onError(Throwable error) {
		ended(error, false);
		this.actual.onError(error);
	}

	@Override
	public void onComplete() {
		ended(null, false);
		this.actual.onComplete();
	}

	@Override
	public void request(long n) {
		subscription().request(n);
	}

	@Override
	public void cancel() {
		ended(null, true);
		subscription().cancel();
	}

	private Subscription subscription() {
		Subscription subscription = this.subscription;
		if (subscription == null) {
			throw new IllegalStateException("request or cancel before onSubscribe");
		}
		return subscription;
	}

	@Override
	public @Nullable Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) {
			return this.subscription;
		}
		if (key == Attr.ACTUAL) {
			return this.actual;
		}
		if (key == Attr.RUN_STYLE) {
			return Attr.RunStyle.SYNC;
		}
		return null;
	}

}
