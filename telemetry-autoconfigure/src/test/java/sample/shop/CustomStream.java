package sample.shop;

/**
 * A result type of the application's own that it registers with Spring's {@code ReactiveAdapterRegistry}, as a
 * library of reactive types would.
 */
public class CustomStream {

	private final String name;

	public CustomStream(String name) {
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	/** A second type, so that a test can register an adapter of another behaviour for it. */
	public static class Other extends CustomStream {

		public Other(String name) {
			super(name);
		}

	}

}
