package org.springframework.samples.telemetry;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application whose own packages start with {@code org.springframework.}, as Spring's sample applications'
 * do: its repositories must be traced like any application's.
 */
@SpringBootApplication
public class SampleClinicApplication {

}
