package dev.cloudtelemetry.autoconfigure.context;

import java.lang.reflect.Field;
import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.ReflectionUtils;

/**
 * Applies a {@link CurrentSpanTaskDecorator} to the executor and scheduler beans of Spring: the
 * {@link ThreadPoolTaskExecutor} and {@link SimpleAsyncTaskExecutor} (platform or virtual threads,
 * also as {@code SimpleAsyncTaskScheduler}) that {@code @Async} methods and {@code CompletableFuture}
 * stages run on, and the {@link ThreadPoolTaskScheduler} of {@code @Scheduled} methods. An executor
 * that has a decorator already keeps it, composed with ours.
 * <p>
 * Runs before initialization: a {@code ThreadPoolTaskExecutor} reads its decorator when it starts.
 */
public class ExecutorContextPropagationBeanPostProcessor implements BeanPostProcessor {

	private final CurrentSpanTaskDecorator decorator;

	public ExecutorContextPropagationBeanPostProcessor(CurrentSpanTaskDecorator decorator) {
		this.decorator = decorator;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof ThreadPoolTaskExecutor executor) {
			executor.setTaskDecorator(compose(currentDecorator(executor, ThreadPoolTaskExecutor.class)));
		}
		else if (bean instanceof ThreadPoolTaskScheduler scheduler) {
			scheduler.setTaskDecorator(compose(currentDecorator(scheduler, ThreadPoolTaskScheduler.class)));
		}
		else if (bean instanceof SimpleAsyncTaskExecutor executor) {
			executor.setTaskDecorator(compose(currentDecorator(executor, SimpleAsyncTaskExecutor.class)));
		}
		return bean;
	}

	private TaskDecorator compose(TaskDecorator existing) {
		if (existing == null || existing == this.decorator) {
			return this.decorator;
		}
		// ours last, so it is the outermost wrapper and the existing decorator runs with the span current
		return new CompositeTaskDecorator(List.of(existing, this.decorator));
	}

	/** The executors have no getter for their decorator; a missing field reads as none. */
	private static TaskDecorator currentDecorator(Object executor, Class<?> declaringType) {
		Field field = ReflectionUtils.findField(declaringType, "taskDecorator", TaskDecorator.class);
		if (field == null) {
			return null;
		}
		try {
			ReflectionUtils.makeAccessible(field);
			return (TaskDecorator) field.get(executor);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return null;
		}
	}

}
