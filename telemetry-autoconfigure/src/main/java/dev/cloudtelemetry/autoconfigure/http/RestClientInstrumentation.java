package dev.cloudtelemetry.autoconfigure.http;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestClient;

import dev.cloudtelemetry.instrument.http.HttpClientTracer;

/**
 * Makes a {@link RestClient}, or what a {@link RestClient.Builder} builds, trace each exchange once. The
 * builder's request factory is wrapped in a {@link TracingClientHttpRequestFactory}; where the factory is
 * not known (the builder has none yet, so Spring picks one in {@code build()}, or the builder is not
 * Spring's), the {@link TracingClientHttpRequestInterceptor} is added instead. Spring's builder does not
 * expose its factory: it is read from the builder's field (the same in Spring Framework 6.2 and 7), and
 * when that read fails the interceptor is used. Its interceptors are read from their field too: asking the
 * builder for them ({@code requestInterceptors(consumer)}) leaves an empty list behind, and a client built
 * with an empty list still pays for Spring's interception on every call.
 */
final class RestClientInstrumentation {

	private static final String DEFAULT_BUILDER = "org.springframework.web.client.DefaultRestClientBuilder";

	private static final @Nullable Field REQUEST_FACTORY = builderField("requestFactory");

	private static final @Nullable Field INTERCEPTORS = builderField("interceptors");

	private final Supplier<HttpClientTracer> tracer;

	private final TracingClientHttpRequestInterceptor interceptor;

	RestClientInstrumentation(Supplier<HttpClientTracer> tracer) {
		this.tracer = tracer;
		this.interceptor = new TracingClientHttpRequestInterceptor(tracer);
	}

	/**
	 * A builder whose products trace, including after the application sets another request factory on it
	 * ({@code requestFactory(...)}, also through {@code apply(...)}) or clones it.
	 * @param builder a builder bean
	 * @return a builder that delegates to the given one, or the given one when it is such a builder already
	 */
	RestClient.Builder traced(RestClient.Builder builder) {
		if (Proxy.isProxyClass(builder.getClass()) && Proxy.getInvocationHandler(builder) instanceof TracedBuilder) {
			return builder;
		}
		instrument(builder);
		return (RestClient.Builder) Proxy.newProxyInstance(RestClient.Builder.class.getClassLoader(),
				new Class<?>[] { RestClient.Builder.class }, new TracedBuilder(builder));
	}

	/**
	 * A client that traces.
	 * @param restClient a client bean
	 * @return the client when it traces already, else a copy of it that does
	 */
	RestClient instrument(RestClient restClient) {
		RestClient.Builder builder = restClient.mutate();
		return instrument(builder) ? builder.build() : restClient;
	}

	/**
	 * Makes the clients a builder builds trace, unless they do already.
	 * @param builder a builder, changed in place
	 * @return whether it was changed
	 */
	boolean instrument(RestClient.Builder builder) {
		ClientHttpRequestFactory factory = requestFactory(builder);
		if ((factory != null && TracingClientHttpRequestFactory.traces(factory)) || hasInterceptor(builder)) {
			return false;
		}
		if (factory != null) {
			builder.requestFactory(TracingClientHttpRequestFactory.wrap(factory, this.tracer));
		}
		else {
			builder.requestInterceptor(this.interceptor);
		}
		return true;
	}

	private static boolean hasInterceptor(RestClient.Builder builder) {
		if (!isSpringBuilder(builder, INTERCEPTORS)) {
			boolean[] present = new boolean[1];
			builder.requestInterceptors(
					(interceptors) -> present[0] = TracingClientHttpRequestInterceptor.isPresent(interceptors));
			return present[0];
		}
		List<ClientHttpRequestInterceptor> interceptors = interceptors(builder);
		return interceptors != null && TracingClientHttpRequestInterceptor.isPresent(interceptors);
	}

	/**
	 * Takes the {@link TracingClientHttpRequestInterceptor} off a builder, leaving no empty list behind.
	 * @param builder a builder that has just been given a traced request factory
	 */
	private static void removeInterceptor(RestClient.Builder builder) {
		Field field = INTERCEPTORS;
		if (field == null || !isSpringBuilder(builder, field)) {
			builder.requestInterceptors(
					(interceptors) -> interceptors.removeIf(TracingClientHttpRequestInterceptor.class::isInstance));
			return;
		}
		List<ClientHttpRequestInterceptor> interceptors = interceptors(builder);
		if (interceptors != null && interceptors.removeIf(TracingClientHttpRequestInterceptor.class::isInstance)
				&& interceptors.isEmpty()) {
			ReflectionUtils.setField(field, builder, null);
		}
	}

	@SuppressWarnings("unchecked")
	private static @Nullable List<ClientHttpRequestInterceptor> interceptors(RestClient.Builder builder) {
		return (List<ClientHttpRequestInterceptor>) read(INTERCEPTORS, builder);
	}

	private static @Nullable ClientHttpRequestFactory requestFactory(RestClient.Builder builder) {
		return (ClientHttpRequestFactory) read(REQUEST_FACTORY, builder);
	}

	private static boolean isSpringBuilder(RestClient.Builder builder, @Nullable Field field) {
		return field != null && field.getDeclaringClass() == builder.getClass();
	}

	private static @Nullable Object read(@Nullable Field field, RestClient.Builder builder) {
		if (field == null || !isSpringBuilder(builder, field)) {
			return null;
		}
		try {
			return field.get(builder);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable Field builderField(String name) {
		try {
			Class<?> builderType = ClassUtils.forName(DEFAULT_BUILDER, RestClient.class.getClassLoader());
			Field field = ReflectionUtils.findField(builderType, name);
			if (field != null) {
				ReflectionUtils.makeAccessible(field);
			}
			return field;
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException ex) {
			// another Spring Framework, or reflection denied: builders get the interceptor
			return null;
		}
	}

	/**
	 * Forwards every method of {@link RestClient.Builder} (whatever the Spring Framework version declares)
	 * to Spring's builder; wraps each request factory set, hands itself to {@code apply} consumers, and
	 * wraps clones.
	 */
	private final class TracedBuilder implements InvocationHandler {

		private final RestClient.Builder delegate;

		TracedBuilder(RestClient.Builder delegate) {
			this.delegate = delegate;
		}

		@Override
		@SuppressWarnings("unchecked")
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
			String name = method.getName();
			if (method.getDeclaringClass() == Object.class) {
				return switch (name) {
					case "equals" -> args != null && proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> "Traced" + this.delegate;
				};
			}
			if (args != null && args.length == 1) {
				if (name.equals("requestFactory") && args[0] instanceof ClientHttpRequestFactory factory) {
					this.delegate.requestFactory(TracingClientHttpRequestFactory.wrap(factory,
							RestClientInstrumentation.this.tracer));
					removeInterceptor(this.delegate);
					return proxy;
				}
				if (name.equals("apply") && args[0] instanceof Consumer<?> consumer) {
					((Consumer<RestClient.Builder>) consumer).accept((RestClient.Builder) proxy);
					return proxy;
				}
			}
			if (name.equals("clone") && (args == null || args.length == 0)) {
				return traced(this.delegate.clone());
			}
			try {
				Object result = method.invoke(this.delegate, args);
				return (result == this.delegate) ? proxy : result;
			}
			catch (InvocationTargetException ex) {
				Throwable cause = ex.getTargetException();
				throw (cause != null) ? cause : ex;
			}
		}

	}

}
