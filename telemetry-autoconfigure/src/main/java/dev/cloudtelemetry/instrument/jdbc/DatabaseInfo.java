package dev.cloudtelemetry.instrument.jdbc;

import java.util.Locale;

/**
 * What a data source connects to, resolved once per data source from its JDBC URL (and the
 * connection's catalog when the URL names no database).
 *
 * @param system the legacy {@code db.system} value, such as {@code postgresql}, {@code h2} or
 * {@code sqlserver}
 * @param stableSystem the OpenTelemetry {@code db.system.name} value, such as {@code postgresql} or
 * {@code microsoft.sql_server}
 * @param name the database name, or {@code null}
 */
public record DatabaseInfo(String system, String stableSystem, String name) {

	/** Nothing known: no URL could be read. */
	public static final DatabaseInfo UNKNOWN = new DatabaseInfo("other_sql", "other_sql", null);

	/**
	 * Parses a JDBC URL.
	 * @param url the URL, such as {@code jdbc:postgresql://db:5432/shop}, may be {@code null}
	 * @param catalog the connection's catalog, used when the URL names no database; may be {@code null}
	 * @return the database info, never {@code null}
	 */
	public static DatabaseInfo fromUrl(String url, String catalog) {
		if (url == null || !(url.regionMatches(true, 0, "jdbc:", 0, 5)
				|| url.regionMatches(true, 0, "jdbc-secretsmanager:", 0, 20))) {
			return new DatabaseInfo(UNKNOWN.system(), UNKNOWN.stableSystem(), emptyToNull(catalog));
		}
		String rest = url.substring(url.indexOf(':') + 1);
		// drivers that wrap another name it next: the dialect is the wrapped driver's
		while (isWrapper(rest)) {
			rest = rest.substring(rest.indexOf(':') + 1);
		}
		int colon = rest.indexOf(':');
		String subprotocol = ((colon < 0) ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
		String system = system(subprotocol);
		String name = databaseName(system, (colon < 0) ? "" : rest.substring(colon + 1));
		return new DatabaseInfo(system, stableSystem(system), (name != null) ? name : emptyToNull(catalog));
	}

	private static boolean isWrapper(String rest) {
		int colon = rest.indexOf(':');
		if (colon < 0) {
			return false;
		}
		return switch (rest.substring(0, colon).toLowerCase(Locale.ROOT)) {
			case "tc", "p6spy", "otel", "aws-wrapper", "log4jdbc", "opentracing", "tracing", "datadog", "sentry",
					"secretsmanager", "jdbcdslog", "pinpoint" ->
				true;
			default -> false;
		};
	}

	private static String system(String subprotocol) {
		return switch (subprotocol) {
			case "postgresql", "pgsql" -> "postgresql";
			case "mysql" -> "mysql";
			case "mariadb" -> "mariadb";
			case "oracle" -> "oracle";
			case "sqlserver", "jtds" -> "sqlserver";
			case "h2" -> "h2";
			case "hsqldb" -> "hsqldb";
			case "derby" -> "derby";
			case "db2" -> "db2";
			case "sqlite" -> "sqlite";
			case "" -> UNKNOWN.system();
			default -> subprotocol;
		};
	}

	private static String stableSystem(String system) {
		return switch (system) {
			case "oracle" -> "oracle.db";
			case "sqlserver" -> "microsoft.sql_server";
			case "h2" -> "h2database";
			case "db2" -> "ibm.db2";
			default -> system;
		};
	}

	private static String databaseName(String system, String rest) {
		switch (system) {
			case "h2", "hsqldb", "derby", "sqlite" -> {
				// jdbc:h2:mem:name;OPTS, jdbc:h2:file:/path/name, jdbc:h2:tcp://host/path/name
				String path = cut(rest, ';');
				path = cut(path, '?');
				int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
				int colon = path.lastIndexOf(':');
				return emptyToNull(path.substring(Math.max(slash, colon) + 1));
			}
			case "sqlserver" -> {
				for (String part : rest.split(";")) {
					int equals = part.indexOf('=');
					if (equals > 0 && (part.substring(0, equals).equalsIgnoreCase("databaseName")
							|| part.substring(0, equals).equalsIgnoreCase("database"))) {
						return emptyToNull(part.substring(equals + 1));
					}
				}
				return null;
			}
			case "oracle" -> {
				// jdbc:oracle:thin:@host:1521/service or @host:1521:SID
				int at = rest.indexOf('@');
				String address = (at < 0) ? rest : rest.substring(at + 1);
				if (address.startsWith("(")) {
					return null;
				}
				int slash = address.lastIndexOf('/');
				int colon = address.lastIndexOf(':');
				return emptyToNull(cut(address.substring(Math.max(slash, colon) + 1), '?'));
			}
			default -> {
				// //host:port/name?params
				if (!rest.startsWith("//")) {
					return null;
				}
				String path = cut(cut(rest.substring(2), '?'), ';');
				int slash = path.indexOf('/');
				return (slash < 0) ? null : emptyToNull(cut(path.substring(slash + 1), '/'));
			}
		}
	}

	private static String cut(String text, char at) {
		int index = text.indexOf(at);
		return (index < 0) ? text : text.substring(0, index);
	}

	private static String emptyToNull(String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

}
