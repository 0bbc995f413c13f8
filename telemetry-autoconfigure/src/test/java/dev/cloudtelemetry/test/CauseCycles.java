package dev.cloudtelemetry.test;

/**
 * Exceptions whose cause chain loops, as some libraries build them by accident.
 */
public final class CauseCycles {

	private CauseCycles() {
	}

	/**
	 * A chain A → B → C → B.
	 * @param messageOfC the message of C, the last before the loop
	 * @return A
	 */
	public static RuntimeException ofThree(String messageOfC) {
		RuntimeException a = new IllegalStateException("A");
		RuntimeException b = new IllegalStateException("B");
		RuntimeException c = new IllegalStateException(messageOfC);
		a.initCause(b);
		b.initCause(c);
		c.initCause(b);
		return a;
	}

}
