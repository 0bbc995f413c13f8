package dev.cloudtelemetry;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the core free of Spring, and the starter's classes inside the packages its tracing skips.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.cloudtelemetry");

	@Test
	void coreImportsNoSpringType() {
		noClasses().that()
			.resideInAnyPackage("dev.cloudtelemetry.core..", "dev.cloudtelemetry.output..",
					"dev.cloudtelemetry.resource..", "dev.cloudtelemetry.metadata..", "dev.cloudtelemetry.annotation..",
					"dev.cloudtelemetry.redact..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.check(CLASSES);
	}

	// one logging API (docs/architecture.md): System.Logger; SLF4J only for the Logback integration (MDC,
	// its logger context), never an SLF4J Logger
	@Test
	void everyClassLogsThroughSystemLogger() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.commons.logging..", "java.util.logging..")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.slf4j.Logger")
			.check(CLASSES);
	}

	@Test
	void coreDoesNotDependOnTheSpringGlue() {
		noClasses().that()
			.resideInAnyPackage("dev.cloudtelemetry.core..", "dev.cloudtelemetry.output..",
					"dev.cloudtelemetry.resource..", "dev.cloudtelemetry.metadata..", "dev.cloudtelemetry.instrument..",
					"dev.cloudtelemetry.redact..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.cloudtelemetry.autoconfigure..", "dev.cloudtelemetry.actuate..")
			.check(CLASSES);
	}

	@Test
	void everyStarterClassLivesInAPackageThatIsNeverTraced() {
		classes().should()
			.resideInAnyPackage("dev.cloudtelemetry.annotation..", "dev.cloudtelemetry.autoconfigure..",
					"dev.cloudtelemetry.actuate..", "dev.cloudtelemetry.core..", "dev.cloudtelemetry.instrument..",
					"dev.cloudtelemetry.metadata..", "dev.cloudtelemetry.output..", "dev.cloudtelemetry.resource..",
					"dev.cloudtelemetry.redact..")
			.because("TracedTypes.STARTER_PACKAGES lists these packages and the starter must never trace itself")
			.check(CLASSES);
	}

	@Test
	void everyAutoConfigurationTurnsOffWithTelemetryEnabledFalse() {
		classes().that()
			.areAnnotatedWith(org.springframework.boot.autoconfigure.AutoConfiguration.class)
			.should()
			.beAnnotatedWith(dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled.class)
			.because("telemetry.enabled=false must leave the application as if the starter were absent")
			.check(CLASSES);
	}

}
