package dev.cloudtelemetry.test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * A thread dump of this JVM with full stacks, for the failure message of a test whose server stopped answering.
 */
public final class ThreadDumps {

	private ThreadDumps() {
	}

	/**
	 * @return every live thread: name, state, what it waits for and who holds it, and its whole stack
	 */
	public static String all() {
		StringBuilder dump = new StringBuilder();
		java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (ThreadInfo info : threads.dumpAllThreads(true, true)) {
			dump.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
			long cpu = threads.getThreadCpuTime(info.getThreadId());
			if (cpu >= 0) {
				dump.append(String.format(" cpu=%.1fms", cpu / 1e6));
			}
			if (info.getLockName() != null) {
				dump.append(" on ").append(info.getLockName());
			}
			if (info.getLockOwnerName() != null) {
				dump.append(" owned by \"").append(info.getLockOwnerName()).append('"');
			}
			dump.append('\n');
			for (StackTraceElement frame : info.getStackTrace()) {
				dump.append("\tat ").append(frame).append('\n');
			}
			dump.append('\n');
		}
		return dump.toString();
	}

}
