package dev.cloudtelemetry.resource;

/**
 * Fills {@code service} and {@code environment} from values resolved by the configuration.
 */
public final class ServiceResourceProvider implements ResourceProvider {

	private final String name;

	private final String version;

	private final String environment;

	public ServiceResourceProvider(String name, String version, String environment) {
		this.name = name;
		this.version = version;
		this.environment = environment;
	}

	@Override
	public String name() {
		return "service";
	}

	@Override
	public void contribute(ResourceBuilder builder) {
		builder.service().put("name", this.name);
		builder.service().put("version", this.version);
		builder.environment(this.environment);
	}

}
