package dev.cloudtelemetry.resource;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessResourceProviderTests {

	@Test
	void readsTheCurrentProcessWhenItContributesAndOnlyOnce() {
		ProcessResourceProvider provider = new ProcessResourceProvider();
		ResourceBuilder first = new ResourceBuilder();
		provider.contribute(first);
		assertThat(first.process()).containsEntry("pid", ProcessHandle.current().pid())
			.containsKeys("executable", "command_line");
		assertThat((String) first.process().get("command_line")).startsWith("java");
		ResourceBuilder second = new ResourceBuilder();
		provider.contribute(second);
		assertThat(second.process()).isEqualTo(first.process());
	}

	@Test
	void aGivenProcessIsWrittenWithItsSecretsMasked() {
		ResourceBuilder builder = new ResourceBuilder();
		new ProcessResourceProvider(42, "/usr/bin/java", List.of("java", "-Dspring.datasource.password=hunter2",
				"-jar", "app.jar"))
			.contribute(builder);
		assertThat(builder.process()).containsEntry("pid", 42L).containsEntry("executable", "/usr/bin/java");
		assertThat((String) builder.process().get("command_line")).contains("-jar app.jar").doesNotContain("hunter2");
	}

}
