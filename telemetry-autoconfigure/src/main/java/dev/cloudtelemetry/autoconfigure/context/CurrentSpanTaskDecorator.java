package dev.cloudtelemetry.autoconfigure.context;

import org.springframework.core.task.TaskDecorator;

import dev.cloudtelemetry.instrument.context.SpanPropagation;

/**
 * Runs each task with the span that was current when it was submitted.
 */
public final class CurrentSpanTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		return SpanPropagation.wrap(runnable);
	}

}
