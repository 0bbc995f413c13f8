package dev.cloudtelemetry.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The trace view page as part of the {@code telemetry} endpoint on the web: {@code /actuator/telemetry/view}
 * and its script and style sheet below it. Being the endpoint's own operations, the page has exactly the
 * endpoint's exposure, access, management port and base path, and every security rule written for the
 * actuator ({@code EndpointRequest.toAnyEndpoint()}, {@code EndpointRequest.to("telemetry")}) covers it.
 * The other paths are answered by {@link TelemetryEndpoint}.
 */
@EndpointWebExtension(endpoint = TelemetryEndpoint.class)
public class TelemetryEndpointWebExtension {

	private final TelemetryEndpoint endpoint;

	private final TraceViewPage page;

	/**
	 * @param endpoint the endpoint answering every path but the page's
	 */
	public TelemetryEndpointWebExtension(TelemetryEndpoint endpoint) {
		this.endpoint = endpoint;
		this.page = TraceViewPage.load();
	}

	/**
	 * {@code GET /actuator/telemetry/view}: the page; {@code GET /actuator/telemetry/traces}: see
	 * {@link TelemetryEndpoint#traces}.
	 * @param section {@code view} or {@code traces}
	 * @param errorsOnly whether to list only traces with an error
	 * @param minDurationMs the shortest trace listed, in milliseconds
	 * @param nameContains text the root span's name contains, ignoring case
	 * @param limit the most traces listed
	 * @return the page, the traces, or 404
	 */
	@ReadOperation
	public WebEndpointResponse<?> traces(@Selector String section, @Nullable Boolean errorsOnly,
			@Nullable Long minDurationMs, @Nullable String nameContains, @Nullable Integer limit) {
		if (TraceViewPage.VIEW.equals(section)) {
			return asset("");
		}
		return orNotFound(this.endpoint.traces(section, errorsOnly, minDurationMs, nameContains, limit));
	}

	/**
	 * {@code GET /actuator/telemetry/view/{asset}}: the page's script or style sheet;
	 * {@code GET /actuator/telemetry/traces/{traceId}}: see {@link TelemetryEndpoint#trace}.
	 * @param securityContext who asks, for {@code telemetry.endpoint.show-values}
	 * @param section {@code view} or {@code traces}
	 * @param name the asset's name or the trace id
	 * @return the asset, the trace, or 404
	 */
	@ReadOperation
	public WebEndpointResponse<?> trace(SecurityContext securityContext, @Selector String section,
			@Selector String name) {
		if (TraceViewPage.VIEW.equals(section)) {
			return asset(name);
		}
		return orNotFound(this.endpoint.trace(securityContext, section, name));
	}

	private WebEndpointResponse<?> asset(String name) {
		TraceViewPage.Asset asset = this.page.asset(name);
		if (asset == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(asset.body(), WebEndpointResponse.STATUS_OK, asset.type());
	}

	private static WebEndpointResponse<?> orNotFound(@Nullable Object body) {
		return (body != null) ? new WebEndpointResponse<>(body)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
