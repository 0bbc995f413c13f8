package dev.cloudtelemetry.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Libraries that only one platform needs (the Kubernetes API client on Kubernetes, the AWS SDK's IMDS client
 * on EC2), kept off the application's class path. telemetry-autoconfigure's jar carries them as jars, under
 * {@code META-INF/telemetry/lib/<bundle>/}, listed in {@code META-INF/telemetry/lib/<bundle>.list}; the first
 * time a provider needs them they are copied to a temporary directory and loaded by a class loader of their
 * own, which also defines the starter's classes that use them (named here). Before, they were a dozen jars on
 * the class path of every application, and every class-path resource lookup walks every jar: Spring's static
 * resource resolution does so for each link of a page, so on a host that is neither Kubernetes nor EC2 they
 * cost every request and bought nothing (see benchmarks/README.md, "End to end").
 * <p>
 * When the bundle is not packaged (the libraries are on the class path, as in telemetry-autoconfigure's own
 * tests, which run before its build copies the bundles in), the classes are loaded from the class path.
 */
public final class IsolatedLibraries {

	/** Where telemetry-autoconfigure's jar keeps the bundles. */
	public static final String LOCATION = "META-INF/telemetry/lib/";

	private final String bundle;

	private final String markerClass;

	private final Set<String> ownClasses;

	private @Nullable ClassLoader loader;

	private @Nullable ClassLoader loaderParent;

	/**
	 * @param bundle the bundle's name, the directory of its jars under {@link #LOCATION}
	 * @param markerClass a class of the libraries, to tell whether they are on the class path instead
	 * @param ownClasses the starter's classes that use the libraries (their nested classes included): the
	 * bundle's class loader defines them itself, so they may only use public members of the rest of the starter
	 */
	public IsolatedLibraries(String bundle, String markerClass, Set<String> ownClasses) {
		this.bundle = bundle;
		this.markerClass = markerClass;
		this.ownClasses = Set.copyOf(ownClasses);
	}

	/**
	 * @param classLoader the application's class loader
	 * @return whether the libraries can be loaded: packaged as a bundle or on the class path
	 */
	public boolean isAvailable(@Nullable ClassLoader classLoader) {
		return isPackaged(classLoader) || isOnClassPath(classLoader);
	}

	/**
	 * @param classLoader the application's class loader
	 * @return whether telemetry-autoconfigure's jar carries the bundle
	 */
	public boolean isPackaged(@Nullable ClassLoader classLoader) {
		return resolve(classLoader).getResource(LOCATION + this.bundle + ".list") != null;
	}

	private boolean isOnClassPath(@Nullable ClassLoader classLoader) {
		try {
			Class.forName(this.markerClass, false, resolve(classLoader));
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Creates an instance of one of the starter's classes that use the libraries: through the bundle's class
	 * loader when the bundle is packaged (created on the first call), else from the class path.
	 * @param <T> the type the rest of the starter sees it as, loaded by the application's class loader
	 * @param classLoader the application's class loader
	 * @param type the type the rest of the starter sees it as
	 * @param implementation the class to create, one of the own classes
	 * @param parameterTypes its public constructor's parameter types
	 * @param arguments the constructor's arguments
	 * @return the new instance
	 * @throws IOException when the bundle's jars cannot be copied out of telemetry-autoconfigure's jar
	 * @throws ReflectiveOperationException when the class or its constructor cannot be loaded or called
	 */
	public <T> T create(@Nullable ClassLoader classLoader, Class<T> type, String implementation,
			Class<?>[] parameterTypes, Object... arguments) throws IOException, ReflectiveOperationException {
		ClassLoader parent = resolve(classLoader);
		ClassLoader source = isPackaged(parent) ? loader(parent) : parent;
		Class<?> created = Class.forName(implementation, true, source);
		try {
			return type.cast(created.getConstructor(parameterTypes).newInstance(arguments));
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

	private synchronized ClassLoader loader(ClassLoader parent) throws IOException {
		if (this.loader == null || this.loaderParent != parent) {
			this.loader = new BundleClassLoader(this.bundle, extract(parent), parent, this.ownClasses);
			this.loaderParent = parent;
		}
		return this.loader;
	}

	private URL[] extract(ClassLoader parent) throws IOException {
		Path directory = Files.createTempDirectory("telemetry-" + this.bundle + "-");
		directory.toFile().deleteOnExit();
		List<URL> urls = new ArrayList<>();
		for (String jar : jars(parent)) {
			Path target = directory.resolve(jar);
			try (InputStream in = parent.getResourceAsStream(LOCATION + this.bundle + "/" + jar)) {
				if (in == null) {
					throw new IOException(LOCATION + this.bundle + "/" + jar + " is missing from telemetry-autoconfigure's jar");
				}
				Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			}
			target.toFile().deleteOnExit();
			urls.add(target.toUri().toURL());
		}
		return urls.toArray(URL[]::new);
	}

	private List<String> jars(ClassLoader parent) throws IOException {
		List<String> jars = new ArrayList<>();
		try (InputStream in = parent.getResourceAsStream(LOCATION + this.bundle + ".list")) {
			if (in == null) {
				throw new IOException(LOCATION + this.bundle + ".list is missing");
			}
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					line = line.strip();
					if (!line.isEmpty() && !line.startsWith("#")) {
						if (line.contains("/") || line.contains("\\") || !line.endsWith(".jar")) {
							throw new IOException("not a jar name in " + this.bundle + ".list: " + line);
						}
						jars.add(line);
					}
				}
			}
		}
		return jars;
	}

	private static ClassLoader resolve(@Nullable ClassLoader classLoader) {
		if (classLoader != null) {
			return classLoader;
		}
		ClassLoader own = IsolatedLibraries.class.getClassLoader();
		return (own != null) ? own : ClassLoader.getSystemClassLoader();
	}

	/**
	 * Loads the bundle's classes from its own jars first (an application's own Gson, OkHttp or Kotlin never
	 * mixes with the starter's), defines the starter's own classes from the parent's bytes, and delegates
	 * everything else (the JDK, the starter's shared types, SLF4J) to the application's class loader.
	 */
	static final class BundleClassLoader extends URLClassLoader {

		static {
			ClassLoader.registerAsParallelCapable();
		}

		private final ClassLoader parent;

		private final Set<String> ownClasses;

		BundleClassLoader(String bundle, URL[] urls, ClassLoader parent, Set<String> ownClasses) {
			super("telemetry-" + bundle, urls, parent);
			this.parent = parent;
			this.ownClasses = ownClasses;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null) {
					if (isOwn(name)) {
						loaded = defineOwn(name);
					}
					else if (!name.startsWith("java.")) {
						try {
							loaded = findClass(name);
						}
						catch (ClassNotFoundException ex) {
							// not in the bundle: the JDK's or the application's
						}
					}
				}
				if (loaded == null) {
					return super.loadClass(name, resolve);
				}
				if (resolve) {
					resolveClass(loaded);
				}
				return loaded;
			}
		}

		private boolean isOwn(String name) {
			int nested = name.indexOf('$');
			return this.ownClasses.contains((nested < 0) ? name : name.substring(0, nested));
		}

		private Class<?> defineOwn(String name) throws ClassNotFoundException {
			String resource = name.replace('.', '/') + ".class";
			try (InputStream in = this.parent.getResourceAsStream(resource)) {
				if (in == null) {
					throw new ClassNotFoundException(name);
				}
				byte[] bytes = in.readAllBytes();
				return defineClass(name, bytes, 0, bytes.length);
			}
			catch (IOException ex) {
				throw new ClassNotFoundException(name, new UncheckedIOException(ex));
			}
		}

		@Override
		public @Nullable URL getResource(String name) {
			URL own = findResource(name);
			return (own != null) ? own : super.getResource(name);
		}

	}

}
