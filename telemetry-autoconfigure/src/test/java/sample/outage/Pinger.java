package sample.outage;

import dev.cloudtelemetry.annotation.Traced;

/**
 * The traced call of {@link OutageApplication}'s load.
 */
@Traced
public class Pinger {

	public long ping(long call) {
		return call * 31;
	}

}
