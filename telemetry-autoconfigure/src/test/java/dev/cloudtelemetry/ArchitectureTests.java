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

	// the AWS SDK and client-java travel as bundles inside the starter's jar, loaded by a class loader of their
	// own (IsolatedLibraries); the starter's classes that use them are defined by that loader too. Any other
	// class that touches one of them (a constant that is not a compile-time constant is enough) makes the
	// application's class loader load it, and the application fails to start where the bundle is not on the
	// class path: in every real fat jar
	@Test
	void onlyTheBundlesOwnClassesTouchTheBundledLibraries() {
		String[] own = { "dev.cloudtelemetry.metadata.aws.Ec2MetadataProbe",
				"dev.cloudtelemetry.metadata.aws.BoundedSdkHttpClient",
				"dev.cloudtelemetry.metadata.kubernetes.KubernetesApiReader",
				"dev.cloudtelemetry.metadata.kubernetes.KubernetesObjects",
				"dev.cloudtelemetry.metadata.kubernetes.ContainerSelector" };
		noClasses().that(com.tngtech.archunit.base.DescribedPredicate.describe("are not defined by a bundle's class loader",
				(com.tngtech.archunit.core.domain.JavaClass type) -> java.util.Arrays.stream(own)
					.noneMatch((name) -> type.getName().equals(name) || type.getName().startsWith(name + "$"))
						&& !isApplicationOkHttpUser(type)))
			.should()
			.dependOnClassesThat()
			.haveNameMatching("(" + String.join("|", own).replace(".", "\\.") + ")(\\$.*)?")
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage("software.amazon.awssdk..", "io.kubernetes.client..", "okhttp3..", "com.google.gson..")
			.check(CLASSES);
	}

	/**
	 * The OTLP gRPC sender uses the application's own OkHttp (the one {@code opentelemetry-exporter-otlp} brings,
	 * looked for on the application's class path before the sender is created), never the Kubernetes bundle's:
	 * OkHttp, and nothing else of the bundles.
	 */
	@Test
	void theOtlpGrpcSenderTouchesNoBundledLibraryButOkHttp() {
		noClasses().that(com.tngtech.archunit.base.DescribedPredicate.describe("use the application's OkHttp",
				ArchitectureTests::isApplicationOkHttpUser))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("software.amazon.awssdk..", "io.kubernetes.client..", "com.google.gson..",
					"dev.cloudtelemetry.metadata..")
			.check(CLASSES);
	}

	private static boolean isApplicationOkHttpUser(com.tngtech.archunit.core.domain.JavaClass type) {
		String sender = "dev.cloudtelemetry.output.otlp.RetryInfoGrpcSender";
		return type.getName().equals(sender) || type.getName().startsWith(sender + "$");
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
