package dev.cloudtelemetry.output;

import java.nio.file.Path;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.instrument.method.MethodInfo;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.instrument.method.MethodTracer;

/**
 * A separate JVM serving one function invocation as an AWS Lambda runtime does, for {@link FreezeTests}:
 * {@code InvocationChild <file> <flush>} handles one invocation (a root call with twelve nested calls, one of
 * them taking 30 ms), prints
 * {@code returned} when the handler has returned, and then idles as a frozen environment would until it is
 * killed. With {@code flush} {@code true} the writer writes each invocation's events before it returns.
 */
public final class InvocationChild {

	private InvocationChild() {
	}

	public static void main(String[] args) throws Exception {
		AsyncEventWriter writer = new AsyncEventWriter(new FileExporter(Path.of(args[0])), TestEvents.encoder(), 1024,
				OverflowPolicy.BLOCK, TestEvents.CLOCK)
			.flushWhenRootsEnd(Boolean.parseBoolean(args[1]) ? 2000 : 0)
			.start();
		MethodTracer tracer = new MethodTracer(writer, new SpanFactory(TestEvents.CLOCK), Severity.INFO, 0, false,
				"function.jar");
		Span invocation = tracer.enter(method("Handler.handleRequest"), null);
		// a burst of quick calls (reading rows), a slower one (a call to another service), a last quick one
		for (int i = 0; i < 10; i++) {
			tracer.exit(tracer.enter(method("Orders.load"), invocation), null);
		}
		Span slow = tracer.enter(method("Prices.compute"), invocation);
		Thread.sleep(30);
		tracer.exit(slow, null);
		tracer.exit(tracer.enter(method("Orders.save"), invocation), null);
		tracer.exit(invocation, null);
		System.out.println("returned");
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

	private static MethodInfo method(String name) {
		int dot = name.indexOf('.');
		return new MethodInfo(name, "com.example." + name.substring(0, dot), name.substring(dot + 1), "",
				Severity.INFO, ReturnKind.SYNCHRONOUS);
	}

}
