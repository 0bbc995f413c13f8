package dev.cloudtelemetry.core.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cloudtelemetry.redact.Field;

/**
 * Finds secrets of well-known shapes in free text (error messages, stack traces, command lines, captured
 * values) and masks them: JSON Web Tokens, {@code Bearer}/{@code Basic} credentials, AWS access key ids and
 * secret keys next to their keyword, GitHub, GitLab and Slack tokens, private-key blocks,
 * {@code password=}/{@code secret=}/{@code token=} pairs (also quoted, as in JSON), card numbers that pass the
 * Luhn check and, optionally, e-mail addresses.
 * <p>
 * Most text holds no secret, so each pattern runs only when a cheap scan found the characters it needs; text
 * with none of them is returned as it is, without allocation. Thread-safe.
 */
public final class SecretPatternRedactor implements PureRedactor {

	/** What replaces a secret. */
	public static final String MASK = "******";

	private static final String SECRET_WORDS = "password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey"
			+ "|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?key|session[_-]?id";

	/** The words of {@link #SECRET_WORDS} spelled out by first letter, for the hint scan. */
	private static final String[] P_WORDS = { "pass", "pwd", "private_key", "private-key", "privatekey" };

	private static final String[] S_WORDS = { "secret", "session_id", "session-id", "sessionid" };

	private static final String[] T_WORDS = { "token" };

	private static final String[] C_WORDS = { "client_secret", "client-secret", "clientsecret", "credential" };

	private static final String[] A_WORDS = { "api_key", "api-key", "apikey", "access_key", "access-key",
			"accesskey", "auth_key", "auth-key", "authkey" };

	/** {@code name=value}, {@code name: value}, {@code "name":"value"}, {@code name='value'}. */
	private static final Pattern PAIR = Pattern.compile("(?i)((?:" + SECRET_WORDS
			+ ")[\\w-]{0,24}[\"']?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'}\\])]+)");

	private static final Pattern JWT = Pattern
		.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

	private static final Pattern AUTHORIZATION = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]{8,}");

	private static final Pattern AWS_KEY_ID = Pattern
		.compile("\\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z0-9]{16}\\b");

	private static final Pattern AWS_SECRET = Pattern
		.compile("(?i)(aws.{0,20}?(?:secret|key).{0,20}?[=:\\s][\"']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])");

	private static final Pattern VENDOR_TOKEN = Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}"
			+ "|github_pat_[A-Za-z0-9_]{22,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}"
			+ "|hooks\\.slack\\.com/services/[A-Za-z0-9/]+)");

	private static final Pattern PRIVATE_KEY = Pattern
		.compile("-----BEGIN[A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END[A-Z ]*PRIVATE KEY-----|\\z)");

	private static final Pattern CARD = Pattern.compile("(?<![\\d.])\\d(?:[ -]?\\d){12,18}(?![\\d.])");

	private static final Pattern EMAIL = Pattern
		.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

	private final boolean emails;

	/**
	 * @param emails whether e-mail addresses are masked too
	 */
	public SecretPatternRedactor(boolean emails) {
		this.emails = emails;
	}

	/**
	 * Masks the secrets found in any value, whatever its field. A value holding percent-encoded text (a URL's
	 * query, {@code note=password%3Dx}, also quoted in a message) is looked at decoded too: a secret found
	 * only there makes the value written decoded, with the secret masked.
	 */
	@Override
	public String redact(Field field, String value) {
		if (CodeNames.contains(field)) {
			return value;
		}
		String result = redact(value);
		if (!PercentEncoding.mayBeEncoded(result)) {
			return result;
		}
		String decoded = PercentEncoding.decode(result);
		String redacted = redact(decoded);
		return (redacted != decoded) ? redacted : result;
	}


	/** The attributes the starter fills from code and protocol names ({@link CodeNames}) are not scanned. */
	@Override
	public boolean passesEveryValue(Field field) {
		return CodeNames.contains(field);
	}

	/**
	 * A duration ({@code 12.34ms)}) after {@code prefix} adds nothing the scan looks for: no separator,
	 * {@code @}, {@code %} or {@code +}, a run of at most 12 digits (a card number needs 13), and no letter
	 * that starts a word looked for; and none of the words looked for contains a digit, so none can start in
	 * {@code prefix} and end in the duration, which starts with a digit. A prefix that ends with a digit, a
	 * space or a {@code -} could join the duration's digits into a longer run, so it is not vouched for. The
	 * scan of {@code prefix + duration} therefore finds what the scan of {@code prefix} finds, and nothing
	 * found means the value is returned as it is.
	 */
	@Override
	public boolean passesWithMillis(Field field, String prefix) {
		if (passesEveryValue(field)) {
			return true;
		}
		if (!prefix.isEmpty()) {
			char last = prefix.charAt(prefix.length() - 1);
			if ((last >= '0' && last <= '9') || last == ' ' || last == '-') {
				return false;
			}
		}
		return prefix.indexOf('%') < 0 && prefix.indexOf('+') < 0 && Hints.of(prefix).none(this.emails);
	}

	/**
	 * @param text any text
	 * @return the text with every secret found masked; the same instance when none was found
	 */
	public String redact(String text) {
		if (text == null || text.length() < 8) {
			return text;
		}
		Hints hints = Hints.of(text);
		if (hints.none(this.emails)) {
			return text;
		}
		String result = text;
		if (hints.privateKey) {
			result = PRIVATE_KEY.matcher(result).replaceAll(MASK);
		}
		if (hints.jwt) {
			result = JWT.matcher(result).replaceAll(MASK);
		}
		if (hints.authorization) {
			result = replaceGroup(AUTHORIZATION, result, 2);
		}
		if (hints.awsKeyId) {
			result = AWS_KEY_ID.matcher(result).replaceAll(MASK);
		}
		if (hints.vendorToken) {
			result = VENDOR_TOKEN.matcher(result).replaceAll(MASK);
		}
		if (hints.separator && hints.aws) {
			result = replaceGroup(AWS_SECRET, result, 1);
		}
		if (hints.separator && hints.secretWord) {
			result = maskPairValues(result);
		}
		if (hints.digits) {
			result = maskCards(result);
		}
		if (this.emails && hints.at) {
			result = EMAIL.matcher(result).replaceAll(MASK);
		}
		return result;
	}

	/** Keeps groups 1..{@code keep} of each match and masks the rest. */
	private static String replaceGroup(Pattern pattern, String text, int keep) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		int last = 0;
		do {
			out.append(text, last, matcher.end(keep)).append(MASK);
			last = matcher.end();
		}
		while (matcher.find());
		return out.append(text, last, text.length()).toString();
	}

	/** Masks the value of each secret-named pair, keeping the quotes of a quoted one. */
	private static String maskPairValues(String text) {
		Matcher matcher = PAIR.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		int last = 0;
		boolean found = true;
		while (found) {
			out.append(text, last, matcher.end(1));
			int value = matcher.start(2);
			int masked = maskedLength(text, value, matcher.end(2));
			if (masked > 0) {
				// already masked by another redactor (the URL redactor's REDACTED): left as it is, and what
				// follows it in a URL (;jsessionid=REDACTED?state=REDACTED) is looked at on its own
				out.append(text, value, value + masked);
				last = value + masked;
				found = matcher.find(last);
				continue;
			}
			char first = text.charAt(value);
			boolean quoted = first == '"' || first == '\'';
			if (quoted) {
				out.append(first);
			}
			out.append(MASK);
			if (quoted) {
				out.append(first);
			}
			last = matcher.end();
			found = matcher.find();
		}
		return out.append(text, last, text.length()).toString();
	}

	/**
	 * The length of the mask a value starts with, when the value is that mask or the mask followed by a
	 * URL's delimiter ({@code REDACTED?state=...}); {@code 0} when the value is not masked.
	 */
	private static int maskedLength(String text, int start, int end) {
		int length = text.startsWith("REDACTED", start) ? 8 : text.startsWith(MASK, start) ? MASK.length() : 0;
		if (length == 0 || start + length > end) {
			return 0;
		}
		if (start + length == end) {
			return length;
		}
		char next = text.charAt(start + length);
		return (next == '?' || next == '#' || next == '/') ? length : 0;
	}

	private static String maskCards(String text) {
		Matcher matcher = CARD.matcher(text);
		List<int[]> cards = null;
		while (matcher.find()) {
			if (passesLuhn(matcher.group())) {
				if (cards == null) {
					cards = new ArrayList<>();
				}
				cards.add(new int[] { matcher.start(), matcher.end() });
			}
		}
		if (cards == null) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		int last = 0;
		for (int[] card : cards) {
			out.append(text, last, card[0]).append(MASK);
			last = card[1];
		}
		return out.append(text, last, text.length()).toString();
	}

	static boolean passesLuhn(String candidate) {
		int sum = 0;
		int digits = 0;
		boolean doubled = false;
		for (int i = candidate.length() - 1; i >= 0; i--) {
			char c = candidate.charAt(i);
			if (c < '0' || c > '9') {
				continue;
			}
			int digit = c - '0';
			if (doubled) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			digits++;
			doubled = !doubled;
		}
		return digits >= 13 && digits <= 19 && sum % 10 == 0;
	}

	/** What one pass over the text found, to skip the patterns that cannot match. */
	private static final class Hints {

		boolean jwt;

		boolean privateKey;

		boolean authorization;

		boolean awsKeyId;

		boolean aws;

		boolean vendorToken;

		boolean separator;

		boolean secretWord;

		boolean digits;

		boolean at;

		static Hints of(String text) {
			Hints hints = new Hints();
			int digitRun = 0;
			int length = text.length();
			for (int i = 0; i < length; i++) {
				char c = text.charAt(i);
				if (c >= '0' && c <= '9') {
					if (++digitRun >= 13) {
						hints.digits = true;
					}
					continue;
				}
				if (c != ' ' && c != '-') {
					digitRun = 0;
				}
				switch (c) {
					case '=', ':' -> hints.separator = true;
					case '@' -> hints.at = true;
					case '-' -> hints.privateKey |= text.startsWith("-----BEGIN", i);
					case 'A' -> hints.awsKeyId |= isAwsKeyIdPrefix(text, i);
					default -> {
					}
				}
				switch (c | 0x20) {
					case 'e' -> hints.jwt |= text.startsWith("eyJ", i);
					case 'b' -> hints.authorization |= startsWithIgnoreCase(text, i, "bearer")
							|| startsWithIgnoreCase(text, i, "basic");
					case 'a' -> {
						hints.aws |= startsWithIgnoreCase(text, i, "aws");
						hints.secretWord |= isSecretWordAt(text, i);
					}
					case 'g' -> hints.vendorToken |= text.startsWith("gh", i) || text.startsWith("glpat-", i);
					case 'x' -> hints.vendorToken |= text.startsWith("xox", i);
					case 'h' -> hints.vendorToken |= text.startsWith("hooks.slack.com", i);
					case 'p', 's', 't', 'c' -> hints.secretWord |= isSecretWordAt(text, i);
					default -> {
					}
				}
			}
			return hints;
		}

		/**
		 * Whether one of the words {@code PAIR} looks for starts here: the regular expression runs only then,
		 * so that a path such as {@code /api/orders} costs a scan, not a match attempt at every position.
		 */
		private static boolean isSecretWordAt(String text, int offset) {
			if (offset + 3 > text.length()) {
				return false;
			}
			// two characters decide which words can start here: most text is rejected without a comparison
			char first = (char) (text.charAt(offset) | 0x20);
			char second = (char) (text.charAt(offset + 1) | 0x20);
			String[] words = switch (first) {
				case 'p' -> (second == 'a' || second == 'w' || second == 'r') ? P_WORDS : null;
				case 's' -> (second == 'e') ? S_WORDS : null;
				case 't' -> (second == 'o') ? T_WORDS : null;
				case 'c' -> (second == 'l' || second == 'r') ? C_WORDS : null;
				case 'a' -> (second == 'p' || second == 'c' || second == 'u') ? A_WORDS : null;
				default -> null;
			};
			if (words == null) {
				return false;
			}
			for (String word : words) {
				if (startsWithIgnoreCase(text, offset, word)) {
					return true;
				}
			}
			return false;
		}

		private static boolean startsWithIgnoreCase(String text, int offset, String prefix) {
			return text.regionMatches(true, offset, prefix, 0, prefix.length());
		}

		private static boolean isAwsKeyIdPrefix(String text, int offset) {
			return text.startsWith("AKIA", offset) || text.startsWith("ASIA", offset) || text.startsWith("AROA", offset)
					|| text.startsWith("AIDA", offset) || text.startsWith("AGPA", offset) || text.startsWith("ANPA", offset)
					|| text.startsWith("ANVA", offset) || text.startsWith("APKA", offset) || text.startsWith("AIPA", offset)
					|| text.startsWith("ABIA", offset) || text.startsWith("ACCA", offset) || text.startsWith("ASCA", offset);
		}

		boolean none(boolean emails) {
			return !(this.jwt || this.privateKey || this.authorization || this.awsKeyId || this.vendorToken
					|| (this.separator && (this.secretWord || this.aws)) || this.digits || (emails && this.at));
		}

	}

}
