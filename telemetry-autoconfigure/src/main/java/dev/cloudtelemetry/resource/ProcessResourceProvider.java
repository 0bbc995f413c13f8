package dev.cloudtelemetry.resource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Fills the {@code process} block: pid, executable and the command line with secrets masked.
 */
public final class ProcessResourceProvider implements ResourceProvider {

	private final Supplier<ProcessFacts> process;

	/**
	 * Reads the current process when it first contributes: on the resource thread, not while the application
	 * starts ({@link ProcessHandle.Info} reads {@code /proc}).
	 */
	public ProcessResourceProvider() {
		AtomicReference<ProcessFacts> current = new AtomicReference<>();
		this.process = () -> current.updateAndGet((known) -> (known != null) ? known
				: new ProcessFacts(ProcessHandle.current().pid(), currentExecutable(), currentCommandLine()));
	}

	public ProcessResourceProvider(long pid, String executable, List<String> commandLine) {
		ProcessFacts given = new ProcessFacts(pid, executable, List.copyOf(commandLine));
		this.process = () -> given;
	}

	@Override
	public String name() {
		return "process";
	}

	@Override
	public void contribute(ResourceBuilder builder) {
		ProcessFacts current = this.process.get();
		builder.process().put("pid", current.pid());
		builder.process().put("executable", current.executable());
		builder.process().put("command_line", String.join(" ", CommandLineSanitizer.sanitize(current.commandLine())));
	}

	private record ProcessFacts(long pid, String executable, List<String> commandLine) {
	}

	private static String currentExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	private static List<String> currentCommandLine() {
		ProcessHandle.Info info = ProcessHandle.current().info();
		Optional<String[]> arguments = info.arguments();
		List<String> result = new ArrayList<>();
		if (arguments.isPresent() && arguments.get().length > 0) {
			result.add(info.command().map(ProcessResourceProvider::fileName).orElse("java"));
			result.addAll(Arrays.asList(arguments.get()));
			return result;
		}
		result.add("java");
		try {
			result.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
		}
		catch (RuntimeException | LinkageError ex) {
			// java.management is absent in a trimmed runtime: the main command still tells most
		}
		String command = System.getProperty("sun.java.command");
		if (command != null && !command.isBlank()) {
			result.addAll(Arrays.asList(command.trim().split("\\s+")));
		}
		return result;
	}

	private static String fileName(String path) {
		Path fileName = Path.of(path).getFileName();
		return (fileName != null) ? fileName.toString() : path;
	}

	/**
	 * The program's short name: the jar's file name or the main class's simple name, from
	 * {@code sun.java.command}.
	 * @param javaCommand the value of {@code sun.java.command}, may be {@code null}
	 * @return the program name, or {@code java} when unknown
	 */
	public static String programName(String javaCommand) {
		if (javaCommand == null || javaCommand.isBlank()) {
			return "java";
		}
		String first = javaCommand.trim().split("\\s+")[0];
		if (first.endsWith(".jar")) {
			return fileName(first);
		}
		int dot = first.lastIndexOf('.');
		return (dot >= 0) ? first.substring(dot + 1) : first;
	}

}
