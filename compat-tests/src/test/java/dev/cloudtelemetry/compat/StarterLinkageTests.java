package dev.cloudtelemetry.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;

import org.springframework.util.ClassUtils;

import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads every class of the telemetry-autoconfigure jar and checks that each method and field it calls on
 * a library type exists, with the same signature, in the library versions of this module's profile. A
 * type that is absent is allowed (optional integrations are behind {@code @ConditionalOnClass}); a type
 * that is present but lacks the member would fail only at run time, with a {@link NoSuchMethodError} in
 * the application's own request (as {@code HttpHeaders.get(String)} of Spring Framework 7 did on 6.2).
 */
class StarterLinkageTests {

	@Test
	void everyMemberTheStarterUsesExistsInThisBootVersion() throws Exception {
		Set<String> missing = new TreeSet<>();
		try (Stream<ClassBytes> classes = starterClasses()) {
			classes.filter((type) -> !guardedAway(type.name()))
				.forEach((type) -> new ClassReader(type.bytes()).accept(new References(type.name(), missing),
						ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES));
		}
		assertThat(missing).as("members the starter uses that this Boot version's libraries lack").isEmpty();
	}

	/**
	 * Whether a starter class is never loaded with this Boot version's libraries because a guard keeps it
	 * away: OTLP export is built on OpenTelemetry's sender API ({@code io.opentelemetry.sdk.common.export},
	 * 1.59+), which Boot 3.5 (1.49) and 4.0 (1.55) do not manage; there its auto-configuration backs off and
	 * {@code OtlpExportRequirementsAutoConfiguration}, which uses no OpenTelemetry class and is checked, fails
	 * start-up instead ({@link OtlpExportCompatibilityTests} runs both sides on every Boot version).
	 */
	private static boolean guardedAway(String classFile) {
		boolean otlp = classFile.startsWith("dev/cloudtelemetry/output/otlp/")
				|| (classFile.startsWith("dev/cloudtelemetry/autoconfigure/otlp/")
						&& !classFile.startsWith("dev/cloudtelemetry/autoconfigure/otlp/OtlpExportRequirements"));
		return otlp && !ClassUtils.isPresent("io.opentelemetry.sdk.common.export.HttpSender",
				StarterLinkageTests.class.getClassLoader());
	}

	private static Stream<ClassBytes> starterClasses() throws IOException, URISyntaxException {
		Path location = Path.of(
				TelemetryAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		if (Files.isDirectory(location)) {
			return Files.walk(location)
				.filter((file) -> file.toString().endsWith(".class"))
				.map((file) -> new ClassBytes(location.relativize(file).toString(), read(file)));
		}
		JarFile jar = new JarFile(location.toFile());
		return jar.stream()
			.filter((entry) -> entry.getName().endsWith(".class"))
			.map((entry) -> new ClassBytes(entry.getName(), read(jar, entry)))
			.onClose(() -> close(jar));
	}

	private static boolean exists(String owner, String name, String descriptor, boolean field) {
		Class<?> type;
		try {
			type = Class.forName(owner.replace('/', '.'), false, StarterLinkageTests.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return true; // absent: only guarded code may use it, which the application tests run
		}
		Deque<Class<?>> pending = new ArrayDeque<>();
		Set<Class<?>> seen = new HashSet<>();
		pending.add(type);
		while (!pending.isEmpty()) {
			Class<?> candidate = pending.poll();
			if (!seen.add(candidate)) {
				continue;
			}
			if (declares(candidate, name, descriptor, field)) {
				return true;
			}
			if (candidate.getSuperclass() != null) {
				pending.add(candidate.getSuperclass());
			}
			pending.addAll(List.of(candidate.getInterfaces()));
		}
		return false;
	}

	private static boolean declares(Class<?> type, String name, String descriptor, boolean field) {
		try {
			if (field) {
				for (Field candidate : type.getDeclaredFields()) {
					if (candidate.getName().equals(name)
							&& Type.getDescriptor(candidate.getType()).equals(descriptor)) {
						return true;
					}
				}
				return false;
			}
			if (name.equals("<init>")) {
				for (Constructor<?> candidate : type.getDeclaredConstructors()) {
					if (Type.getConstructorDescriptor(candidate).equals(descriptor)) {
						return true;
					}
				}
				return false;
			}
			for (Method candidate : type.getDeclaredMethods()) {
				if (candidate.getName().equals(name) && Type.getMethodDescriptor(candidate).equals(descriptor)) {
					return true;
				}
			}
			return false;
		}
		catch (LinkageError ex) {
			return true; // the type's own signatures name an absent type: it cannot be linked at all
		}
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] read(JarFile jar, JarEntry entry) {
		try (InputStream in = jar.getInputStream(entry)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void close(JarFile jar) {
		try {
			jar.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record ClassBytes(String name, byte[] bytes) {
	}

	private static final class References extends ClassVisitor {

		private final String user;

		private final Set<String> missing;

		References(String user, Set<String> missing) {
			super(Opcodes.ASM9);
			this.user = user;
			this.missing = missing;
		}

		@Override
		public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
				String[] exceptions) {
			return new MethodVisitor(Opcodes.ASM9) {

				@Override
				public void visitMethodInsn(int opcode, String owner, String member, String memberDescriptor,
						boolean isInterface) {
					check(owner, member, memberDescriptor, false);
				}

				@Override
				public void visitFieldInsn(int opcode, String owner, String member, String memberDescriptor) {
					check(owner, member, memberDescriptor, true);
				}

				@Override
				public void visitInvokeDynamicInsn(String member, String memberDescriptor, Handle bootstrap,
						Object... arguments) {
					// method references: the lambda's target is a handle among the bootstrap arguments
					for (Object argument : arguments) {
						if (argument instanceof Handle handle) {
							check(handle.getOwner(), handle.getName(), handle.getDesc(),
									handle.getTag() <= Opcodes.H_PUTSTATIC);
						}
					}
				}

			};
		}

		private void check(String owner, String member, String descriptor, boolean field) {
			if (owner.startsWith("java/") || owner.startsWith("[") || owner.startsWith("dev/cloudtelemetry/")) {
				return;
			}
			if (!exists(owner, member, descriptor, field)) {
				this.missing.add(owner.replace('/', '.') + "." + member + descriptor + " used by " + this.user);
			}
		}

	}

}
