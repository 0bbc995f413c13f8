package dev.cloudtelemetry.metadata;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import dev.cloudtelemetry.core.event.Causes;

/**
 * Turns exceptions into the plain words shown in diagnostics: what failed, not a stack trace.
 */
public final class Failures {

	private static final int MAX_CAUSES = 32;

	private Failures() {
	}

	/**
	 * @param ex the failure
	 * @return a short sentence describing it
	 */
	public static String describe(Throwable ex) {
		Throwable root = ex;
		for (Throwable cause : Causes.of(ex, MAX_CAUSES)) {
			if (root instanceof PlainFailure) {
				break;
			}
			root = cause;
		}
		if (root instanceof PlainFailure) {
			return root.getMessage();
		}
		if (root instanceof ConnectException) {
			return "connection refused (nothing listening)";
		}
		if (root instanceof NoRouteToHostException) {
			return "no route to host";
		}
		if (root instanceof UnknownHostException) {
			return "unknown host " + root.getMessage();
		}
		if (root instanceof SocketTimeoutException) {
			return "timed out (" + root.getMessage() + ")";
		}
		if (root instanceof TimeoutException) {
			return "timed out";
		}
		String message = root.getMessage();
		return (message != null && !message.isBlank()) ? message : root.getClass().getSimpleName();
	}

	/**
	 * An exception whose message is already written for people.
	 */
	public static final class PlainFailure extends RuntimeException {

		public PlainFailure(String message) {
			super(message, null, false, false);
		}

	}

}
