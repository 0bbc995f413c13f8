package dev.cloudtelemetry.autoconfigure;

import java.util.Locale;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.cloudtelemetry.resource.ProcessResourceProvider;

/**
 * Resolves {@code service.name} and {@code service.version} from the configuration, the build and git.
 *
 * @param name the service name
 * @param version the service version
 */
record ServiceIdentity(String name, String version) {

	static final String UNKNOWN_VERSION = "unknown";

	static ServiceIdentity resolve(TelemetryProperties properties, Environment environment,
			ListableBeanFactory beanFactory, BuildProperties build, GitProperties git) {
		return new ServiceIdentity(name(properties, environment, beanFactory, build),
				version(properties, build, git));
	}

	private static String name(TelemetryProperties properties, Environment environment,
			ListableBeanFactory beanFactory, BuildProperties build) {
		if (StringUtils.hasText(properties.getService().getName())) {
			return properties.getService().getName();
		}
		String applicationName = environment.getProperty("spring.application.name");
		if (StringUtils.hasText(applicationName)) {
			return applicationName;
		}
		if (build != null && StringUtils.hasText(build.getArtifact())) {
			return build.getArtifact();
		}
		String[] configurations = beanFactory.getBeanNamesForAnnotation(SpringBootConfiguration.class);
		if (configurations.length > 0) {
			Class<?> type = beanFactory.getType(configurations[0]);
			if (type != null) {
				return fromClassName(ClassUtils.getUserClass(type).getSimpleName());
			}
		}
		return ProcessResourceProvider.programName(System.getProperty("sun.java.command"));
	}

	/** {@code OrderServiceApplication} becomes {@code order-service}. */
	static String fromClassName(String simpleName) {
		String base = simpleName.endsWith("Application") && simpleName.length() > "Application".length()
				? simpleName.substring(0, simpleName.length() - "Application".length()) : simpleName;
		return base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static String version(TelemetryProperties properties, BuildProperties build, GitProperties git) {
		if (StringUtils.hasText(properties.getService().getVersion())) {
			return properties.getService().getVersion();
		}
		if (build != null && StringUtils.hasText(build.getVersion())) {
			return build.getVersion();
		}
		if (git != null && StringUtils.hasText(git.getShortCommitId())) {
			return git.getShortCommitId();
		}
		return UNKNOWN_VERSION;
	}

}
