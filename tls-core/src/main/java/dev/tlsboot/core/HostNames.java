package dev.tlsboot.core;

import java.net.InetAddress;
import java.util.regex.Pattern;

/** What kind of host a client was asked to reach: a name goes into SNI, an IP literal never does (RFC 6066). */
final class HostNames {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private HostNames() {
	}

	/** Whether {@code host} is an IPv4 or IPv6 literal (brackets allowed), without any name lookup. */
	static boolean isIpLiteral(String host) {
		return IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
	}

	/** The name an address was made from, or its literal: never a reverse lookup. */
	static String nameOf(InetAddress address) {
		String text = address.toString();
		int slash = text.indexOf('/');
		return (slash > 0) ? text.substring(0, slash) : address.getHostAddress();
	}

}
