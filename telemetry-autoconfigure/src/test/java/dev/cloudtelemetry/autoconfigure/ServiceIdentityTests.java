package dev.cloudtelemetry.autoconfigure;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceIdentityTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private static BuildProperties build(String artifact, String version) {
		Properties properties = new Properties();
		properties.setProperty("artifact", artifact);
		properties.setProperty("version", version);
		return new BuildProperties(properties);
	}

	private static GitProperties git(String commit) {
		Properties properties = new Properties();
		properties.setProperty("commit.id", commit);
		properties.setProperty("commit.id.abbrev", commit.substring(0, 7));
		return new GitProperties(properties);
	}

	@Test
	void explicitPropertiesWinOverEverything() {
		TelemetryProperties properties = new TelemetryProperties();
		properties.getService().setName("orders");
		properties.getService().setVersion("2.1.0");
		ServiceIdentity identity = ServiceIdentity.resolve(properties,
				new MockEnvironment().withProperty("spring.application.name", "app"), this.beanFactory,
				build("orders-artifact", "1.0.0"), null);
		assertThat(identity).isEqualTo(new ServiceIdentity("orders", "2.1.0"));
	}

	@Test
	void applicationNameThenBuildInfoThenGit() {
		TelemetryProperties properties = new TelemetryProperties();
		assertThat(ServiceIdentity.resolve(properties, new MockEnvironment().withProperty("spring.application.name",
				"app"), this.beanFactory, build("artifact", "1.0.0"), git("abcdef1234567")))
			.isEqualTo(new ServiceIdentity("app", "1.0.0"));
		assertThat(ServiceIdentity.resolve(properties, new MockEnvironment(), this.beanFactory, null,
				git("abcdef1234567")))
			.extracting(ServiceIdentity::version)
			.isEqualTo("abcdef1");
		assertThat(ServiceIdentity.resolve(properties, new MockEnvironment(), this.beanFactory, build("artifact", "3"),
				null))
			.isEqualTo(new ServiceIdentity("artifact", "3"));
		assertThat(ServiceIdentity.resolve(properties, new MockEnvironment(), this.beanFactory, null, null).version())
			.isEqualTo("unknown");
	}

	@Test
	void theMainClassNameBecomesAKebabCaseServiceName() {
		assertThat(ServiceIdentity.fromClassName("OrderServiceApplication")).isEqualTo("order-service");
		assertThat(ServiceIdentity.fromClassName("Application")).isEqualTo("application");
		assertThat(ServiceIdentity.fromClassName("Shop")).isEqualTo("shop");
	}

}
