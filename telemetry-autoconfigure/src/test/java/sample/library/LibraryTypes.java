package sample.library;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.cloudtelemetry.annotation.Traced;

/**
 * Where {@link Traced} can sit in a type hierarchy outside the application's packages.
 */
public final class LibraryTypes {

	private LibraryTypes() {
	}

	/** A company's own annotation, meta-annotated with {@link Traced}. */
	@Traced
	@Retention(RetentionPolicy.RUNTIME)
	@Target({ ElementType.TYPE, ElementType.METHOD })
	public @interface Observed {

	}

	public interface Pricing {

		@Traced
		int price(String sku);

	}

	/** {@link Traced} only on the interface's method. */
	public static class InterfacePricing implements Pricing {

		@Override
		public int price(String sku) {
			return sku.length();
		}

	}

	public abstract static class BaseStore {

		@Traced
		public String load(String key) {
			return key;
		}

	}

	/** {@link Traced} only on an inherited method of its superclass. */
	public static class InheritingStore extends BaseStore {

		public String other() {
			return "other";
		}

	}

	/** {@link Traced} as a meta-annotation on a method. */
	public static class MetaAnnotated {

		@Observed
		public String run() {
			return "run";
		}

	}

	/** No {@link Traced} anywhere, annotations of other kinds on its methods. */
	public static class Untraced {

		@Deprecated
		public String old() {
			return "old";
		}

		public String plain() {
			return "plain";
		}

	}

}
