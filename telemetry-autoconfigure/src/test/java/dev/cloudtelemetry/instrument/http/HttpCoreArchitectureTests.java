package dev.cloudtelemetry.instrument.http;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The HTTP and context-propagation logic is plain Java: Spring adapters live in
 * {@code dev.cloudtelemetry.autoconfigure.http}.
 */
class HttpCoreArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.cloudtelemetry.instrument.http", "dev.cloudtelemetry.instrument.context");

	@Test
	void httpCoreDoesNotDependOnSpring() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(this.classes);
	}

	@Test
	void httpCoreDoesNotDependOnTheAutoConfiguration() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("dev.cloudtelemetry.autoconfigure..")
			.check(this.classes);
	}

}
